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
/// whose credits or status did not land is settled again (credits are unique, so nothing doubles), and a reward that
/// never got its payment recorded fails. The rest is reported on <c>webook.rewards.reconciliation</c> and in a log line
/// with the ids, for a person to look at.
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
            var paid = payment?.Status is PaymentStatus.Success or PaymentStatus.Refund;
            var credited = await CreditedAsync(reward, ct);
            if (paid && (reward.Status != RewardStatus.Payed || credited != reward.Amount))
            {
                if (credited <= reward.Amount && reward.Status != RewardStatus.Failed)
                {
                    await settlement.SettleAsync(reward.Id, ct);
                    Found(repaired, "repaired", "unsettled-payment", $"reward {reward.Id}: payment {payment!.Status}, credited {credited} of {reward.Amount}");
                    credited = await CreditedAsync(reward, ct);
                }
                if (credited != reward.Amount || (await rewards.GetAsync(reward.Id, ct))?.Status != RewardStatus.Payed)
                    Found(mismatches, "mismatch", "entries-not-amount", $"reward {reward.Id}: credited {credited} of {reward.Amount}");
            }
            else if (reward.Status == RewardStatus.Payed && !paid)
                Found(mismatches, "mismatch", "payed-without-payment", $"reward {reward.Id}: payment {payment?.Status.ToString() ?? "missing"}");
            else if (!paid && credited != 0)
                Found(mismatches, "mismatch", "entries-without-payment", $"reward {reward.Id}: credited {credited}, payment {payment?.Status.ToString() ?? "missing"}");
            else if (payment is null && reward.Status == RewardStatus.Init && await rewards.MoveAsync(reward.Id, RewardStatus.Failed, ct))
                Found(repaired, "repaired", "reward-without-payment", $"reward {reward.Id} never got its payment recorded: failed");
        }

        // Every entry of the window (and of the settle time after it): of a reward above, in one of its two accounts; of an older one, a Payed one.
        await foreach (var entry in ledger.EntriesBetweenAsync(from, to + o.ReconcileSettle, ct))
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
