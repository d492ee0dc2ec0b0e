using Webook.Fakes;

// scripts/run.sh: the fake WeChat a local stack logs in with. Usage: Webook.FakeWeChat <url> <appid> <secret>
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Webook.FakeWeChat <url> <appid> <secret>");
    return 2;
}
await using var fake = await FakeWeChat.StartAsync(args[1], args[2], args[0]);
Console.WriteLine($"fake WeChat on {fake.BaseUrl}: QR page {fake.QrConnectUrl} logs in openid {fake.ScannerOpenId}");
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
await stop.Task;
return 0;
