using System.Security.Cryptography;
using Webook.Fakes;

namespace Webook.TestSupport;

/// <summary>
/// One fake WeChat Pay for the whole test process, with a merchant key pair and an APIv3 key made here: every test
/// server's production WeChat Pay client signs with that merchant key and verifies the fake's platform key.
/// </summary>
public static class SharedFakeWeChatPay
{
    private static readonly Lazy<(FakeWeChatPay Fake, string MerchantKey)> Instance = new(() => StartOwnAsync().GetAwaiter().GetResult());

    public static FakeWeChatPay Fake => Instance.Value.Fake;

    public const string AppId = "wxpaytests0000001";

    /// <summary>The WeChat Pay settings of a server that pays through the shared fake.</summary>
    public static Dictionary<string, string?> Settings() => SettingsOf(Fake, Instance.Value.MerchantKey);

    /// <summary>A fake of a test's own (one it may make hang), with a merchant key of its own; dispose it.</summary>
    public static async Task<(FakeWeChatPay Fake, string MerchantKey)> StartOwnAsync()
    {
        using var merchant = RSA.Create(2048);
        var apiV3Key = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var fake = await FakeWeChatPay.StartAsync("19" + RandomNumberGenerator.GetInt32(10_000_000, 99_999_999), merchant.ExportSubjectPublicKeyInfoPem(), apiV3Key);
        return (fake, merchant.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>The WeChat Pay settings of a server that pays through <paramref name="fake"/>.</summary>
    public static Dictionary<string, string?> SettingsOf(FakeWeChatPay fake, string merchantKey) => new()
    {
        ["WeChatPay:MchId"] = fake.MchId,
        ["WeChatPay:AppId"] = AppId,
        ["WeChatPay:MerchantSerialNo"] = "MERCHANT" + fake.MchId,
        ["WeChatPay:MerchantPrivateKey"] = merchantKey,
        ["WeChatPay:PlatformPublicKey"] = fake.PlatformPublicKeyPem,
        ["WeChatPay:PlatformSerialNo"] = fake.PlatformSerialNo,
        ["WeChatPay:ApiV3Key"] = fake.ApiV3Key,
        ["WeChatPay:NotifyUrl"] = "http://127.0.0.1/pay/wechat/notify",
        ["WeChatPay:ApiBaseUrl"] = fake.BaseUrl.ToString(),
        ["WeChatPay:Timeout"] = "00:00:02",
    };

    /// <summary>Sends <paramref name="client"/>'s server the callback the fake builds for an order (see <see cref="FakeWeChatPay.Callback"/>).</summary>
    public static async Task<HttpResponseMessage> NotifyAsync(HttpClient client, (Dictionary<string, string> Headers, string Body) callback)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/pay/wechat/notify") { Content = new StringContent(callback.Body, System.Text.Encoding.UTF8, "application/json") };
        foreach (var (name, value) in callback.Headers) request.Headers.TryAddWithoutValidation(name, value);
        return await client.SendAsync(request);
    }
}
