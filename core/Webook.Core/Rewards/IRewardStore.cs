namespace Webook.Core.Rewards;

/// <summary>What an Idempotency-Key of a tipper stands for: the reward it made, and that request's article and amount.</summary>
public sealed record RewardKeyClaim(long Rid, long ArticleId, long Amount);

public interface IRewardStore
{
    Task<Reward?> GetAsync(long rid, CancellationToken ct);

    /// <summary>Inserts the reward; false when its id is taken (a retry of it, or another reward drawn in the same millisecond).</summary>
    Task<bool> AddAsync(Reward reward, CancellationToken ct);

    /// <summary>Stores <paramref name="claim"/> under the tipper's key unless one is there; answers the stored claim and whether it is this one.</summary>
    Task<(RewardKeyClaim Claim, bool Mine)> ClaimKeyAsync(long tipperId, string key, RewardKeyClaim claim, CancellationToken ct);

    /// <summary>Gives up a claim this request made (its reward id turned out to be taken).</summary>
    Task ReleaseKeyAsync(long tipperId, string key, CancellationToken ct);

    /// <summary>Moves the reward forward to <paramref name="status"/>; false when it does not exist or is past Init.</summary>
    Task<bool> MoveAsync(long rid, RewardStatus status, CancellationToken ct);

    /// <summary>The rewards made in [from, to), by id (ids grow with time).</summary>
    IAsyncEnumerable<Reward> CreatedBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}
