using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Webook.Core.Common;
using Webook.Functions;

return await StartupFailure.RunAsync(() =>
{
    var builder = FunctionsApplication.CreateBuilder(args);
    builder.AddWebookFunctionsApp();
    return builder.Build().RunAsync();
});
