using Webook.Server;

await WebookServer.Create(args).RunAsync();
