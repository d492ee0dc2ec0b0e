using Microsoft.Extensions.Logging;
using Webook.Core.Payments;

namespace Webook.Core.Rewards;

/// <summary>
/// What a reward's payment means for it: a success credits the author amount − <see cref="Reward.PlatformShare"/> and
/// the platform its share, then marks the reward Payed; a failure, or a refund of a payment never settled, marks it
/// Failed. Each credit is unique per (biz, bizId, account), so an event applied again (redelivered, or by the
/// reconciler) credits nothing twice. A Failed reward is never credited: its payment succeeding is for a person to look at.
/// </summary>
public sealed class RewardSettlement(IRewardStore rewards, ILedger ledger, RewardStatusCache cache, ILogger<RewardSettlement> logger)
{
    /// <summary>The platform's share of <paramref name="amount"/> fen at <paramref name="rate"/>, floored; the author's is the rest.</summary>
    public static long PlatformShare(long amount, decimal rate) => (long)decimal.Floor(amount * rate);

    public async Task ApplyAsync(PaymentEvent payment, CancellationToken ct)
    {
        if (payment.Biz != Reward.Biz) return;
        switch (Enum.Parse<PaymentStatus>(payment.Status))
        {
            case PaymentStatus.Success:
                await SettleAsync(payment.BizId, ct);
                break;
            case PaymentStatus.Failed:
                await FailAsync(payment.BizId, ct);
                break;
            default:
                // Refunded: a reward never settled is not paid; a settled one keeps its credits (no clawback is built).
                if (!await FailAsync(payment.BizId, ct))
                    logger.LogWarning("Payment {TradeNo} of reward {Rid} was refunded after it was settled; the ledger keeps its credits", payment.BizTradeNo, payment.BizId);
                break;
        }
    }

    /// <summary>Credits both shares (what is not credited yet) and marks the reward Payed; false when there is no such reward or it failed.</summary>
    public async Task<bool> SettleAsync(long rid, CancellationToken ct)
    {
        if (await rewards.GetAsync(rid, ct) is not { } reward || reward.Status == RewardStatus.Failed)
        {
            logger.LogWarning("A payment succeeded for reward {Rid}, which does not exist or failed; nothing credited, the reconciler reports it", rid);
            return false;
        }
        await ledger.CreditAsync(LedgerAccount.User(reward.AuthorId), Reward.Biz, rid, reward.Amount - reward.PlatformShare, ct);
        if (reward.PlatformShare > 0) await ledger.CreditAsync(LedgerAccount.Platform, Reward.Biz, rid, reward.PlatformShare, ct);
        if (await rewards.MoveAsync(rid, RewardStatus.Payed, ct)) await cache.UpdateAsync(reward with { Status = RewardStatus.Payed }, ct);
        return true;
    }

    /// <summary>Marks an Init reward Failed; false when it is not Init (or does not exist).</summary>
    public async Task<bool> FailAsync(long rid, CancellationToken ct)
    {
        if (!await rewards.MoveAsync(rid, RewardStatus.Failed, ct)) return false;
        if (await rewards.GetAsync(rid, ct) is { } failed) await cache.UpdateAsync(failed, ct);
        return true;
    }
}
