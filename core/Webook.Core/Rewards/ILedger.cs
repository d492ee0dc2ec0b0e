namespace Webook.Core.Rewards;

/// <summary>The accounts' balances and entries: each credit exactly once, the balance exact under parallel credits.</summary>
public interface ILedger
{
    /// <summary>Credits the account for (biz, bizId); false when it was credited for it before (nothing changes).</summary>
    Task<bool> CreditAsync(LedgerAccount account, string biz, long bizId, long amount, CancellationToken ct);

    /// <summary>The balance and the entries newest first, <paramref name="offset"/> skipped.</summary>
    Task<Wallet> WalletAsync(LedgerAccount account, int offset, int limit, CancellationToken ct);

    /// <summary>The entries of (biz, bizId) in these accounts.</summary>
    Task<IReadOnlyList<LedgerEntry>> EntriesOfAsync(string biz, long bizId, IReadOnlyList<LedgerAccount> accounts, CancellationToken ct);

    /// <summary>Every entry made in [from, to): a filtered scan of the whole ledger, for the reconciler.</summary>
    IAsyncEnumerable<LedgerEntry> EntriesBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}
