using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Payments;

namespace Webook.Core.Rewards;

/// <summary>
/// What a reward's payment means for it: a success credits the author amount − floor(amount × Rewards:PlatformRate)
/// and the platform the floor, then marks the reward Payed; a failure marks it Failed. Each credit is unique per
/// (biz, bizId, account), so an event applied again (redelivered, or by the reconciler) credits nothing twice.
/// </summary>
public sealed class RewardSettlement(IRewardStore rewards, ILedger ledger, RewardStatusCache cache, IOptions<RewardOptions> options,
    ILogger<RewardSettlement> logger)
{
    /// <summary>The platform's share of <paramref name="amount"/> fen; the author's is the rest.</summary>
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
                if (await rewards.MoveAsync(payment.BizId, RewardStatus.Failed, ct) && await rewards.GetAsync(payment.BizId, ct) is { } failed)
                    await cache.UpdateAsync(failed, ct);
                break;
            default:
                // A refund takes nothing back from the ledger: no clawback is asked for yet; the log says it happened.
                logger.LogWarning("Payment {TradeNo} of reward {Rid} was refunded; the ledger keeps its credits", payment.BizTradeNo, payment.BizId);
                break;
        }
    }

    /// <summary>Credits both shares (what is not credited yet) and marks the reward Payed; false when there is no such reward.</summary>
    public async Task<bool> SettleAsync(long rid, CancellationToken ct)
    {
        if (await rewards.GetAsync(rid, ct) is not { } reward)
        {
            logger.LogWarning("A payment succeeded for reward {Rid}, which does not exist; the reconciler reports it", rid);
            return false;
        }
        var platform = PlatformShare(reward.Amount, options.Value.PlatformRate);
        await ledger.CreditAsync(LedgerAccount.User(reward.AuthorId), Reward.Biz, rid, reward.Amount - platform, ct);
        if (platform > 0) await ledger.CreditAsync(LedgerAccount.Platform, Reward.Biz, rid, platform, ct);
        if (await rewards.MoveAsync(rid, RewardStatus.Payed, ct)) await cache.UpdateAsync(reward with { Status = RewardStatus.Payed }, ct);
        return true;
    }
}
