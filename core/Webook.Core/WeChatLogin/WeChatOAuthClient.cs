using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Webook.Core.WeChatLogin;

/// <summary>
/// GET {ApiBaseUrl}sns/oauth2/access_token over HTTP, within WeChat:Timeout. WeChat answers errors as 200 with an
/// errcode: 40029 (invalid code), 40163 (code been used) and 41008 (no code) are the user's code; every other errcode,
/// a 5xx, a network failure or the deadline are WeChat unavailable. Logs say what went wrong, never the code, the
/// secret or WeChat's access token (the URL that carries the first two is never logged: the client has no loggers).
/// </summary>
public sealed partial class WeChatOAuthClient(HttpClient http, IOptions<WeChatLoginOptions> options, ILogger<WeChatOAuthClient> logger) : IWeChatOAuth
{
    private static readonly HashSet<int> CodeErrors = [40029, 40163, 41008];

    public async Task<WeChatExchange> ExchangeCodeAsync(string code, CancellationToken ct)
    {
        var o = options.Value;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(o.Timeout);
        var url = new Uri(new Uri(o.ApiBaseUrl),
            $"sns/oauth2/access_token?appid={Uri.EscapeDataString(o.AppId)}&secret={Uri.EscapeDataString(o.AppSecret)}&code={Uri.EscapeDataString(code)}&grant_type=authorization_code");
        try
        {
            using var response = await http.GetAsync(url, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                LogStatus(logger, (int)response.StatusCode);
                return WeChatExchange.Unavailable;
            }
            var answer = await response.Content.ReadFromJsonAsync<AccessTokenAnswer>(deadline.Token);
            if (answer is { ErrCode: not (null or 0) })
            {
                LogError(logger, answer.ErrCode.Value, answer.ErrMsg ?? "");
                return CodeErrors.Contains(answer.ErrCode.Value) ? WeChatExchange.Refused : WeChatExchange.Unavailable;
            }
            if (answer is not { OpenId.Length: > 0 })
            {
                LogNoIdentity(logger);
                return WeChatExchange.Unavailable;
            }
            return new WeChatExchange(new WeChatIdentity(answer.OpenId, string.IsNullOrEmpty(answer.UnionId) ? null : answer.UnionId), BadCode: false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            LogTimeout(logger, o.Timeout);
            return WeChatExchange.Unavailable;
        }
        catch (Exception e) when (e is HttpRequestException or System.Text.Json.JsonException or NotSupportedException)
        {
            LogUnreachable(logger, e.GetType().Name);
            return WeChatExchange.Unavailable;
        }
    }

    private sealed record AccessTokenAnswer(
        [property: JsonPropertyName("openid")] string? OpenId,
        [property: JsonPropertyName("unionid")] string? UnionId,
        [property: JsonPropertyName("errcode")] int? ErrCode,
        [property: JsonPropertyName("errmsg")] string? ErrMsg);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat answered the code exchange with HTTP {Status}")]
    private static partial void LogStatus(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat refused the code exchange: errcode {ErrCode} ({ErrMsg})")]
    private static partial void LogError(ILogger logger, int errCode, string errMsg);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat's code exchange named no openid")]
    private static partial void LogNoIdentity(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat did not answer the code exchange within {Timeout}")]
    private static partial void LogTimeout(ILogger logger, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reach WeChat for the code exchange ({Failure})")]
    private static partial void LogUnreachable(ILogger logger, string failure);
}
