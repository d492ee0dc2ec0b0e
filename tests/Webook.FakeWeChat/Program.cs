using Webook.Fakes;

// scripts/run.sh: the fake WeChat a local stack logs in with, and (mode pay) the fake WeChat Pay it pays with.
//   Webook.FakeWeChat <url> <appid> <secret>
//   Webook.FakeWeChat pay <url> <mchid> <merchant-public-key.pem> <platform-private-key.pem> <platform-serial>
// The pay mode reads the APIv3 key from WeChatPay__ApiV3Key (the app's own setting, so it is never on a command line).
const string Usage = "usage: Webook.FakeWeChat <url> <appid> <secret>\n"
    + "       Webook.FakeWeChat pay <url> <mchid> <merchant-public-key.pem> <platform-private-key.pem> <platform-serial>  (APIv3 key: WeChatPay__ApiV3Key)";
if (args is ["pay", var payUrl, var mchId, var merchantKeyFile, var platformKeyFile, var platformSerial])
{
    if (Environment.GetEnvironmentVariable("WeChatPay__ApiV3Key") is not { Length: > 0 } apiV3Key)
    {
        Console.Error.WriteLine("Webook.FakeWeChat pay: WeChatPay__ApiV3Key is not set");
        return 2;
    }
    await using var pay = await FakeWeChatPay.StartAsync(mchId, File.ReadAllText(merchantKeyFile), apiV3Key, payUrl,
        File.ReadAllText(platformKeyFile), platformSerial);
    pay.Log = line => Console.WriteLine($"fake WeChat Pay: {line}");
    Console.WriteLine($"fake WeChat Pay on {pay.BaseUrl}: merchant {pay.MchId}, platform serial {pay.PlatformSerialNo}; POST {pay.BaseUrl}fake/pay/<out_trade_no>?state=SUCCESS pays an order");
    await Task.Delay(Timeout.Infinite, pay.Stopping).ContinueWith(_ => { }, TaskScheduler.Default);
    return 0;
}
if (args.Length != 3 || args[0] == "pay")
{
    Console.Error.WriteLine(Usage);
    return 2;
}
await using var fake = await FakeWeChat.StartAsync(args[1], args[2], args[0]);
Console.WriteLine($"fake WeChat on {fake.BaseUrl}: QR page {fake.QrConnectUrl} logs in openid {fake.ScannerOpenId}");
// The web host's console lifetime takes SIGTERM and Ctrl-C and stops the host; this ends with it.
await Task.Delay(Timeout.Infinite, fake.Stopping).ContinueWith(_ => { }, TaskScheduler.Default);
return 0;
