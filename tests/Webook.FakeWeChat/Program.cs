using Webook.Fakes;

// scripts/run.sh: the fake WeChat a local stack logs in with. Usage: Webook.FakeWeChat <url> <appid> <secret>
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Webook.FakeWeChat <url> <appid> <secret>");
    return 2;
}
await using var fake = await FakeWeChat.StartAsync(args[1], args[2], args[0]);
Console.WriteLine($"fake WeChat on {fake.BaseUrl}: QR page {fake.QrConnectUrl} logs in openid {fake.ScannerOpenId}");
// The web host's console lifetime takes SIGTERM and Ctrl-C and stops the host; this ends with it.
await Task.Delay(Timeout.Infinite, fake.Stopping).ContinueWith(_ => { }, TaskScheduler.Default);
return 0;
