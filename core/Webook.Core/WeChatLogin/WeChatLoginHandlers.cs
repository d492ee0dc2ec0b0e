using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Webook.Core.Accounts;
using Webook.Core.Auth;
using Webook.Core.Http;

namespace Webook.Core.WeChatLogin;

/// <summary>
/// GET /oauth2/wechat/authurl: the QR-connect URL, with a new state also set as the signed cookie jwt-state.
/// GET /oauth2/wechat/callback?code&amp;state: a genuine callback (the cookie's signature, expiry and state) exchanges the
/// code at WeChat, finds or creates the WeChat user and logs them in like any login; anything else is refused before
/// WeChat is called. The cookie is used once: every callback that brought one clears it.
/// </summary>
public sealed class WeChatLoginHandlers(IWeChatOAuth wechat, WeChatState states, UserService users, Authenticator auth,
    IOptions<WeChatLoginOptions> options, IHostEnvironment environment)
{
    private const string NotSetUp = "WeChat login is not set up on this server.";

    public Task<IResult> AuthUrlAsync(RouteCall<NoBody> call)
    {
        var o = options.Value;
        if (!o.Enabled) return Task.FromResult(ApiResults.Refused(NotSetUp));
        var (state, token) = states.Issue();
        call.Request.HttpContext.Response.Cookies.Append(WeChatState.CookieName, token, Cookie(o.StateLifetime));
        var url = $"{o.QrConnectUrl}?appid={Uri.EscapeDataString(o.AppId)}&redirect_uri={Uri.EscapeDataString(o.RedirectUri)}" +
                  $"&response_type=code&scope=snsapi_login&state={state}#wechat_redirect";
        return Task.FromResult(ApiResults.Ok(url));
    }

    public async Task<IResult> CallbackAsync(RouteCall<NoBody> call)
    {
        var (request, ct) = (call.Request, call.Ct);
        if (!options.Value.Enabled) return ApiResults.Refused(NotSetUp);
        var cookie = request.Cookies[WeChatState.CookieName];
        if (cookie is not null) request.HttpContext.Response.Cookies.Delete(WeChatState.CookieName, Cookie(TimeSpan.Zero));
        string? code = request.Query["code"], state = request.Query["state"];
        if (code is not { Length: > 0 and <= 256 } || !code.All(c => c > ' ' && c < 127))
            return ApiResults.Refused("WeChat's callback names no code.");
        if (!await states.MatchesAsync(cookie, state))
            return ApiResults.Refused("This WeChat login did not start here or took too long; please scan the QR code again.");

        var exchange = await wechat.ExchangeCodeAsync(code, ct);
        if (exchange.BadCode) return ApiResults.Refused("WeChat did not accept this code (used or expired); please scan the QR code again.");
        if (exchange.Identity is not { } identity) return ApiResults.ServerError();
        var user = await users.FindOrCreateByWeChatAsync(identity.OpenId, identity.UnionId, ct);
        await auth.StartSessionAsync(request, user.Id, ct);
        return ApiResults.Ok();
    }

    private CookieOptions Cookie(TimeSpan lifetime) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Path = "/" + WeChatLoginRoutes.Callback,
        Secure = options.Value.CookieSecure ?? !environment.IsDevelopment(),
        MaxAge = lifetime > TimeSpan.Zero ? lifetime : null,
    };
}
