namespace Webook.Core.Payments;

/// <summary>Where a payment is. Only forward moves happen (<see cref="Payment.CanMoveTo"/>), so a late or repeated answer changes nothing.</summary>
public enum PaymentStatus { Init, Success, Failed, Refund }

/// <summary>
/// One payment of a business record (<see cref="Biz"/> "reward", <see cref="BizId"/> the reward id) through WeChat Pay,
/// known there by <see cref="BizTradeNo"/> (out_trade_no). Amounts in fen.
/// </summary>
public sealed record Payment(string BizTradeNo, string Biz, long BizId, long Amount, PaymentStatus Status, string CodeUrl, DateTimeOffset ExpireAt, DateTimeOffset Ctime)
{
    public static string TradeNo(string biz, long bizId) => $"{biz}-{bizId}";

    /// <summary>Init moves to any end; a success can still be refunded; the rest is final.</summary>
    public bool CanMoveTo(PaymentStatus next) => (Status, next) is (PaymentStatus.Init, not PaymentStatus.Init) or (PaymentStatus.Success, PaymentStatus.Refund);

    /// <summary>What WeChat Pay's trade_state means here; null for the states that stay Init (NOTPAY, USERPAYING) and unknown ones.</summary>
    public static PaymentStatus? FromTradeState(string tradeState) => tradeState switch
    {
        "SUCCESS" => PaymentStatus.Success,
        "PAYERROR" or "CLOSED" or "REVOKED" => PaymentStatus.Failed,
        "REFUND" => PaymentStatus.Refund,
        _ => null,
    };
}
