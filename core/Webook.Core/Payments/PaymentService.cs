using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Common;

namespace Webook.Core.Payments;

/// <summary>What became of a transaction WeChat Pay reported (a callback or a query's answer).</summary>
public enum PaymentOutcome { Moved, Unchanged, UnknownOrder, NotOurs }

/// <summary>
/// Payments through WeChat Pay Native: recorded before the order is placed (so the sync job sees every one), the order's
/// QR code kept, and WeChat Pay's reports applied as forward-only moves, each with its event (<see cref="IPaymentStore.MoveAsync"/>).
/// </summary>
public sealed class PaymentService(IPaymentStore store, IWeChatPay wechat, KeyedLocks locks, TimeProvider time, IOptions<WeChatPayOptions> wechatOptions,
    ILogger<PaymentService> logger)
{
    /// <summary>Records the payment of <paramref name="biz"/> <paramref name="bizId"/> (Init) unless it exists; answers the stored one.</summary>
    public async Task<Payment> RecordAsync(string biz, long bizId, long amount, CancellationToken ct)
    {
        var tradeNo = Payment.TradeNo(biz, bizId);
        if (await store.GetAsync(tradeNo, ct) is { } known) return known;
        var now = time.GetUtcNow();
        return await store.AddAsync(new Payment(tradeNo, biz, bizId, amount, PaymentStatus.Init, "", now + wechatOptions.Value.OrderLifetime, now), ct);
    }

    public Task<Payment?> FindAsync(string biz, long bizId, CancellationToken ct) => store.GetAsync(Payment.TradeNo(biz, bizId), ct);

    /// <summary>
    /// The QR code of the recorded payment: the one placed before, or a new Native order (WeChat Pay answers the same
    /// order again for the same out_trade_no, so parallel instances placing it at once get one order). In one instance
    /// requests for one payment place it once. A payment that is no longer Init gets no new order.
    /// </summary>
    public async Task<string> CodeUrlAsync(Payment payment, string description, CancellationToken ct)
    {
        if (payment.CodeUrl.Length > 0) return payment.CodeUrl;
        using var held = await locks.EnterAsync("payment:" + payment.BizTradeNo, ct);
        payment = await store.GetAsync(payment.BizTradeNo, ct) ?? payment;
        if (payment.CodeUrl.Length > 0) return payment.CodeUrl;
        if (payment.Status != PaymentStatus.Init) throw new InvalidOperationException($"Payment {payment.BizTradeNo} is {payment.Status}: no order is placed for it.");
        var codeUrl = await wechat.CreateNativeOrderAsync(payment.BizTradeNo, description, payment.Amount, payment.ExpireAt, ct);
        await store.SetCodeUrlAsync(payment.BizTradeNo, codeUrl, ct);
        return codeUrl;
    }

    /// <summary>Applies what WeChat Pay reports of an order, once it is checked to be this merchant's, this app's and of the recorded amount.</summary>
    public async Task<PaymentOutcome> ApplyAsync(WeChatTransaction transaction, CancellationToken ct)
    {
        var o = wechatOptions.Value;
        if (await store.GetAsync(transaction.OutTradeNo, ct) is not { } payment) return PaymentOutcome.UnknownOrder;
        if (transaction.MchId != o.MchId || transaction.AppId != o.AppId || transaction.Total != payment.Amount)
        {
            logger.LogWarning("WeChat Pay reported order {TradeNo} of merchant {MchId}, app {AppId}, amount {Total}; the payment is {Amount}: not applied",
                transaction.OutTradeNo, transaction.MchId, transaction.AppId, transaction.Total, payment.Amount);
            return PaymentOutcome.NotOurs;
        }
        if (Payment.FromTradeState(transaction.TradeState) is not { } status) return PaymentOutcome.Unchanged;
        return await store.MoveAsync(payment.BizTradeNo, status, ct) ? PaymentOutcome.Moved : PaymentOutcome.Unchanged;
    }
}
