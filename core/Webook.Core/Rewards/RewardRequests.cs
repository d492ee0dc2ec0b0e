namespace Webook.Core.Rewards;

public sealed class RewardRequest
{
    /// <summary>The published article.</summary>
    public long? Id { get; set; }
    /// <summary>The amount in fen: a whole number (a fraction is refused as the wrong type).</summary>
    public long? Amt { get; set; }
}

public sealed class RewardDetailRequest
{
    public long? Rid { get; set; }
}

public sealed record RewardView(string CodeURL, long Rid);

public sealed record WalletEntryView(long Id, string Biz, long BizId, long Amount, long Ctime);

public sealed record WalletView(long Balance, IReadOnlyList<WalletEntryView> Entries);
