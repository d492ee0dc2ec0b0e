using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Webook.Core.Payments;

/// <summary>
/// For payments whose callback never came: each payment still pending Payments:SyncMargin after its order expired is
/// asked after at WeChat Pay; a paid or failed order is applied as a callback would be, an unpaid one is closed (so it
/// can no longer be paid) and fails, and one WeChat Pay never got fails. Payments with their answer leave the index.
/// </summary>
public sealed class PaymentSyncJob(IPaymentStore store, PaymentService payments, IWeChatPay wechat, TimeProvider time, IOptions<PaymentOptions> options,
    ILogger<PaymentSyncJob> logger)
{
    /// <summary>Answers how many payments it settled.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        var settled = 0;
        foreach (var pending in await store.PendingAsync(time.GetUtcNow() - o.SyncMargin, o.SyncBatch, ct))
        {
            try
            {
                if (await SettleAsync(pending, ct)) settled++;
            }
            catch (Exception e) when (e is WeChatPayException or Azure.RequestFailedException)
            {
                logger.LogWarning(e, "Payment {TradeNo} could not be synced with WeChat Pay; the next run tries again", pending.BizTradeNo);
            }
        }
        if (settled > 0) logger.LogInformation("The payment sync settled {Count} payments whose callbacks had not come", settled);
        return settled;
    }

    private async Task<bool> SettleAsync(PendingPayment pending, CancellationToken ct)
    {
        var payment = await store.GetAsync(pending.BizTradeNo, ct);
        if (payment is null || payment.Status != PaymentStatus.Init)
        {
            await store.ForgetPendingAsync(pending, ct);
            return false;
        }
        // A mark of a retried request can be older than its payment's expiry: wait for the payment's own.
        if (payment.ExpireAt + options.Value.SyncMargin > time.GetUtcNow()) return false;

        var order = await wechat.QueryAsync(payment.BizTradeNo, ct);
        if (order is not null && Payment.FromTradeState(order.TradeState) is not null)
        {
            // Not this merchant's, app's or amount (logged by ApplyAsync): asking again answers the same; the reconciler reports the reward.
            await payments.ApplyAsync(order, ct);
        }
        else
        {
            // Never placed, or not paid in time: closed, so a late scan cannot pay what is now failed.
            if (order is not null) await wechat.CloseAsync(payment.BizTradeNo, ct);
            await store.MoveAsync(payment.BizTradeNo, PaymentStatus.Failed, ct);
        }
        await store.ForgetPendingAsync(pending, ct);
        return true;
    }
}
