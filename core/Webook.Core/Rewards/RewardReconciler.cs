using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Payments;

namespace Webook.Core.Rewards;

/// <summary>What one reconciliation run found.</summary>
public sealed record ReconciliationReport(int Checked, IReadOnlyList<string> Repaired, IReadOnlyList<string> Mismatches);

/// <summary>
/// Checks rewards, payments and the ledger against each other for the rewards made in a window (Rewards:ReconcileWindow,
/// ending Rewards:ReconcileSettle ago): a Payed reward has a Success payment and entries summing exactly to its amount;
/// a Success payment has a Payed reward; no entry is without a Payed reward. It repairs what is safe: a Success payment
/// whose credits or status did not land is settled again (credits are unique, so nothing doubles); an Init reward whose
/// payment failed, was refunded before settling, or was never recorded fails. The rest is reported on
/// <c>webook.rewards.reconciliation</c> and in a log line with the ids, for a person to look at.
/// </summary>
public sealed class RewardReconciler(IRewardStore rewards, IPaymentStore payments, ILedger ledger, RewardSettlement settlement, TimeProvider time,
    IOptions<RewardOptions> options, IMeterFactory meters, ILogger<RewardReconciler> logger)
{
    public const string MeterName = "Webook.Rewards";

    private readonly Counter<long> _found = meters.Create(MeterName).CreateCounter<long>("webook.rewards.reconciliation", "{finding}",
        "What the reward reconciler found, by outcome (repaired, mismatch) and kind.");

    public async Task<ReconciliationReport> RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        var to = time.GetUtcNow() - o.ReconcileSettle;
        var from = to - o.ReconcileWindow;
        var (repaired, mismatches) = (new List<string>(), new List<string>());
        var seen = new Dictionary<long, Reward>();

        await foreach (var reward in rewards.CreatedBetweenAsync(from, to, ct))
        {
            seen[reward.Id] = reward;
            var payment = await payments.GetAsync(Payment.TradeNo(Reward.Biz, reward.Id), ct);
            await CheckAsync(reward, payment, await CreditedAsync(reward, ct), repaired, mismatches, ct);
        }

        // Every entry of the window: of a reward above, in one of its two accounts; of an older one, a Payed one.
        await foreach (var entry in ledger.EntriesBetweenAsync(from, to, ct))
        {
            if (entry.Biz != Reward.Biz) continue;
            if (seen.TryGetValue(entry.BizId, out var known))
            {
                if (entry.Account != LedgerAccount.User(known.AuthorId) && entry.Account != LedgerAccount.Platform)
                    Found(mismatches, "mismatch", "entry-of-another-account", $"entry {entry.Id} of {entry.Account.Type} {entry.Account.Id}: reward {entry.BizId} pays author {known.AuthorId}");
            }
            else if ((await rewards.GetAsync(entry.BizId, ct))?.Status != RewardStatus.Payed)
                Found(mismatches, "mismatch", "entry-without-reward", $"entry {entry.Id} of {entry.Account.Type} {entry.Account.Id}: reward {entry.BizId} is not Payed");
        }
        await foreach (var payment in payments.SucceededBetweenAsync(from, to, ct))
        {
            if (payment.Biz == Reward.Biz && !seen.ContainsKey(payment.BizId) && await rewards.GetAsync(payment.BizId, ct) is null)
                Found(mismatches, "mismatch", "payment-without-reward", $"payment {payment.BizTradeNo}: no reward {payment.BizId}");
        }
        return new ReconciliationReport(seen.Count, repaired, mismatches);
    }

    private async Task CheckAsync(Reward reward, Payment? payment, long credited, List<string> repaired, List<string> mismatches, CancellationToken ct)
    {
        var (id, amount) = (reward.Id, reward.Amount);
        switch (payment?.Status)
        {
            case PaymentStatus.Success when reward.Status == RewardStatus.Failed:
                Found(mismatches, "mismatch", "paid-but-failed", $"reward {id} failed, its payment succeeded: refund or settle it by hand");
                break;
            case PaymentStatus.Success when reward.Status != RewardStatus.Payed || credited != amount:
                if (credited < amount || (credited == amount && reward.Status == RewardStatus.Init))
                {
                    await settlement.SettleAsync(id, ct);
                    Found(repaired, "repaired", "unsettled-payment", $"reward {id}: payment Success, reward {reward.Status}, credited {credited} of {amount}: settled");
                    credited = await CreditedAsync(reward, ct);
                }
                if (credited != amount || (await rewards.GetAsync(id, ct))?.Status != RewardStatus.Payed)
                    Found(mismatches, "mismatch", "entries-not-amount", $"reward {id}: credited {credited} of {amount}");
                break;
            case PaymentStatus.Refund when reward.Status == RewardStatus.Payed:
                Found(mismatches, "mismatch", "refunded-after-payment", $"reward {id}: refunded after its credits of {credited}; claw back by hand");
                break;
            case PaymentStatus.Success:
                break; // Payed and credited its amount: all agree
            case PaymentStatus.Refund:
                if (reward.Status == RewardStatus.Init && credited == 0 && await settlement.FailAsync(id, ct))
                    Found(repaired, "repaired", "refunded-unsettled", $"reward {id}: its payment was refunded before it was settled: failed");
                else if (credited != 0 && reward.Status != RewardStatus.Payed)
                    Found(mismatches, "mismatch", "entries-without-payment", $"reward {id}: credited {credited}, reward {reward.Status}, payment {payment.Status}");
                break;
            default:
                if (reward.Status == RewardStatus.Payed)
                    Found(mismatches, "mismatch", "payed-without-payment", $"reward {id}: payment {payment?.Status.ToString() ?? "missing"}");
                else if (credited != 0)
                    Found(mismatches, "mismatch", "entries-without-payment", $"reward {id}: credited {credited}, payment {payment?.Status.ToString() ?? "missing"}");
                else if (reward.Status == RewardStatus.Init && payment?.Status is null or PaymentStatus.Failed && await settlement.FailAsync(id, ct))
                    Found(repaired, "repaired", payment is null ? "reward-without-payment" : "unapplied-failure",
                        $"reward {id}: {(payment is null ? "its payment was never recorded" : "its payment failed")}: failed");
                else if (reward.Status == RewardStatus.Init && payment?.Status == PaymentStatus.Init)
                    Found(mismatches, "mismatch", "payment-still-pending", $"reward {id}: its payment is still Init past the window; the sync job has not settled it");
                break;
        }
    }

    private async Task<long> CreditedAsync(Reward reward, CancellationToken ct) =>
        (await ledger.EntriesOfAsync(Reward.Biz, reward.Id, [LedgerAccount.User(reward.AuthorId), LedgerAccount.Platform], ct)).Sum(e => e.Amount);

    private void Found(List<string> list, string outcome, string kind, string what)
    {
        list.Add($"{kind}: {what}");
        _found.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("kind", kind));
        if (outcome == "mismatch") logger.LogWarning("Reward reconciliation: {Kind}: {What}", kind, what);
        else logger.LogInformation("Reward reconciliation repaired {Kind}: {What}", kind, what);
    }
}
