namespace Webook.Core.Rewards;

/// <summary>Where a reward is; api.md names them RewardStatusInit, RewardStatusPayed, RewardStatusFailed.</summary>
public enum RewardStatus { Init, Payed, Failed }

/// <summary>
/// A reader's tip of <see cref="Amount"/> fen to the author of an article, paid through the payment <c>reward-{Id}</c>.
/// <see cref="PlatformShare"/> is fixed when the reward is made (floor(amount × Rewards:PlatformRate) then), so a rate
/// changed later never splits it differently; the author gets the rest.
/// </summary>
public sealed record Reward(long Id, long TipperId, long ArticleId, long AuthorId, long Amount, long PlatformShare, RewardStatus Status, DateTimeOffset Ctime)
{
    public const string Biz = "reward";

    public static string StatusName(RewardStatus status) => "RewardStatus" + status;

    /// <summary>Init ends once, Payed or Failed; nothing moves back.</summary>
    public bool CanMoveTo(RewardStatus next) => Status == RewardStatus.Init && next != RewardStatus.Init;

    /// <summary>The same request as this reward's (a retry), not another reward that happens to have its id.</summary>
    public bool IsSameAs(long tipperId, long articleId, long amount) => TipperId == tipperId && ArticleId == articleId && Amount == amount;
}

/// <summary>Which balance a ledger entry moves: a user's, or the platform's (<see cref="Platform"/>).</summary>
public sealed record LedgerAccount(string Type, long Id)
{
    public static readonly LedgerAccount Platform = new("platform", 0);

    public static LedgerAccount User(long userId) => new("user", userId);
}

/// <summary>One credit of an account for a business record; unique per (biz, bizId, account).</summary>
public sealed record LedgerEntry(long Id, LedgerAccount Account, string Biz, long BizId, long Amount, DateTimeOffset Ctime);

public sealed record Wallet(long Balance, IReadOnlyList<LedgerEntry> Entries);
