namespace Webook.Core.Payments;

/// <summary>
/// A payment that reached <see cref="Status"/>, on Payments:EventTopic (payment_events) keyed by <see cref="BizTradeNo"/>:
/// <c>{id, bizTradeNo, biz, bizId, amount, status, at}</c>. <see cref="Id"/> names the move, the same however often the
/// outbox sends it; consumers apply a move at most once whatever its id (status transitions only go forward).
/// </summary>
public sealed record PaymentEvent(string Id, string BizTradeNo, string Biz, long BizId, long Amount, string Status, long At);
