using Webook.Core.Http;

namespace Webook.Core.WeChatLogin;

public static class WeChatLoginRoutes
{
    public const string AuthUrl = "oauth2/wechat/authurl";
    public const string Callback = "oauth2/wechat/callback";

    public static readonly IReadOnlyList<ApiRoute> All =
    [
        ApiRoute.For<WeChatLoginHandlers, NoBody>(Names.AuthUrl, ApiRoute.Get, AuthUrl, "wechat auth url", RouteAuth.None, (h, c) => h.AuthUrlAsync(c),
            data: typeof(string)),
        ApiRoute.For<WeChatLoginHandlers, NoBody>(Names.Callback, ApiRoute.Get, Callback, "wechat callback", RouteAuth.None, (h, c) => h.CallbackAsync(c),
            issuesTokens: true),
    ];

    public static class Names
    {
        public const string AuthUrl = "OAuth2WeChatAuthUrl";
        public const string Callback = "OAuth2WeChatCallback";
    }
}
