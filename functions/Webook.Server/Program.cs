using Webook.Core.Common;
using Webook.Server;

return await StartupFailure.RunAsync(() => WebookServer.Create(args).RunAsync());
