namespace Webook.Core.WeChatLogin;

/// <summary>Who WeChat says scanned: <see cref="UnionId"/> is the person across the developer's apps, when WeChat gives it.</summary>
public sealed record WeChatIdentity(string OpenId, string? UnionId);

/// <summary>What a code was worth: an identity, a code WeChat refuses (bad, expired or used: the user's to retry), or WeChat unavailable.</summary>
public sealed record WeChatExchange(WeChatIdentity? Identity, bool BadCode)
{
    public static readonly WeChatExchange Refused = new(null, BadCode: true);
    public static readonly WeChatExchange Unavailable = new(null, BadCode: false);
}

/// <summary>WeChat's OAuth API: a code from the QR login exchanged for the user's identity.</summary>
public interface IWeChatOAuth
{
    Task<WeChatExchange> ExchangeCodeAsync(string code, CancellationToken ct);
}
