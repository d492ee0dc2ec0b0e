namespace Webook.Core.Payments;

/// <summary>A WeChat Pay transaction as WeChat Pay reports it (a query's answer, or a callback's decrypted resource).</summary>
public sealed record WeChatTransaction(string OutTradeNo, string TradeState, string MchId, string AppId, long Total);

/// <summary>WeChat Pay refused a call, answered what was not verified as its own, or could not be reached in time.</summary>
public sealed class WeChatPayException(string message, int status = 0, string? code = null) : Exception(message)
{
    /// <summary>The HTTP status WeChat Pay answered (0: none: unreachable, timed out or unverified).</summary>
    public int Status => status;

    /// <summary>WeChat Pay's error code (e.g. ORDER_NOT_EXIST, PARAM_ERROR), when it gave one.</summary>
    public string? Code => code;
}

/// <summary>WeChat Pay API v3 for Native payments (a QR code the payer scans).</summary>
public interface IWeChatPay
{
    /// <summary>Places the order and answers its code_url (weixin://...), the QR code's content.</summary>
    Task<string> CreateNativeOrderAsync(string outTradeNo, string description, long totalFen, DateTimeOffset expireAt, CancellationToken ct);

    /// <summary>The order as WeChat Pay has it; null when WeChat Pay knows no such order.</summary>
    Task<WeChatTransaction?> QueryAsync(string outTradeNo, CancellationToken ct);

    /// <summary>Closes an unpaid order, so it can no longer be paid.</summary>
    Task CloseAsync(string outTradeNo, CancellationToken ct);
}
