using System.Security.Cryptography;
using Webook.Fakes;

namespace Webook.TestSupport;

/// <summary>One fake WeChat for the whole test process, which every test server's production WeChat client calls.</summary>
public static class SharedFakeWeChat
{
    private static readonly Lazy<FakeWeChat> Instance = new(() =>
        FakeWeChat.StartAsync("wx" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant(),
            Convert.ToHexString(RandomNumberGenerator.GetBytes(16))).GetAwaiter().GetResult());

    public static FakeWeChat Fake => Instance.Value;

    /// <summary>The WeChat settings of a server that logs in against the shared fake.</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        ["WeChat:AppId"] = Fake.AppId,
        ["WeChat:AppSecret"] = Fake.AppSecret,
        ["WeChat:ApiBaseUrl"] = Fake.BaseUrl.ToString(),
        ["WeChat:QrConnectUrl"] = Fake.QrConnectUrl.ToString(),
        ["WeChat:RedirectUri"] = "http://localhost:3000/oauth2/wechat/callback",
        ["WeChat:StateKey"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
        ["WeChat:Timeout"] = "00:00:02",
    };
}
