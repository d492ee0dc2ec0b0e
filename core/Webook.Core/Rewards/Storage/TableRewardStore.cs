using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Webook.Core.Common;
using Webook.Core.Storage.Tables;

namespace Webook.Core.Rewards.Storage;

/// <summary>The rewards in Azure Table storage (<see cref="RewardRows"/>).</summary>
public sealed class TableRewardStore(WebookTables tables, IOptions<RewardOptions> options) : IRewardStore
{
    public async Task<Reward?> GetAsync(long rid, CancellationToken ct)
    {
        var row = await ReadAsync(await tables.GetAsync(WebookTables.Rewards, ct), rid, ct);
        return row is null ? null : ToReward(row);
    }

    public async Task<bool> AddAsync(Reward reward, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Rewards, ct);
        try
        {
            await table.AddEntityAsync(new RewardEntity
            {
                PartitionKey = RewardRows.Partition(reward.Id), TipperId = reward.TipperId, ArticleId = reward.ArticleId, AuthorId = reward.AuthorId,
                Amount = reward.Amount, PlatformShare = reward.PlatformShare, Status = reward.Status.ToString(), Ctime = reward.Ctime,
            }, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status409Conflict)
        {
            return false;
        }
    }

    public async Task<(RewardKeyClaim Claim, bool Mine)> ClaimKeyAsync(long tipperId, string key, RewardKeyClaim claim, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Rewards, ct);
        var (partition, row) = (RewardRows.Keys(tipperId), RewardRows.Key(key));
        // A retry finds its claim with a read; only a first request (or one racing it) tries the insert.
        if (await ReadClaimAsync(table, partition, row, ct) is { } known) return (known, false);
        try
        {
            await table.AddEntityAsync(new RewardKeyEntity { PartitionKey = partition, RowKey = row, Rid = claim.Rid, ArticleId = claim.ArticleId, Amount = claim.Amount }, ct);
            return (claim, true);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status409Conflict)
        {
            return (await ReadClaimAsync(table, partition, row, ct) ?? throw new InvalidOperationException("A claimed Idempotency-Key is gone."), false);
        }
    }

    private static async Task<RewardKeyClaim?> ReadClaimAsync(TableClient table, string partition, string row, CancellationToken ct) =>
        await table.FindAsync<RewardKeyEntity>(partition, row, ct) is { } stored ? new RewardKeyClaim(stored.Rid, stored.ArticleId, stored.Amount) : null;

    public async Task ReleaseKeyAsync(long tipperId, string key, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Rewards, ct);
        await table.DeleteEntityAsync(RewardRows.Keys(tipperId), RewardRows.Key(key), ETag.All, ct);
    }

    public async Task<bool> MoveAsync(long rid, RewardStatus status, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Rewards, ct);
        return await TableRetry.RetryLostRacesAsync(options.Value.WriteAttempts, async () =>
        {
            if (await ReadAsync(table, rid, ct) is not { } row || !ToReward(row).CanMoveTo(status)) return false;
            row.Status = status.ToString();
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, ct);
            return true;
        });
    }

    public async IAsyncEnumerable<Reward> CreatedBetweenAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Rewards, ct);
        var (first, end) = (RewardRows.Partition(IdGenerator.FirstAt(from.ToUnixTimeMilliseconds())), RewardRows.Partition(IdGenerator.FirstAt(to.ToUnixTimeMilliseconds())));
        await foreach (var row in table.QueryAsync<RewardEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey ge {first} and PartitionKey lt {end} and RowKey eq {RewardRows.Reward}"), cancellationToken: ct))
            yield return ToReward(row);
    }

    private static Task<RewardEntity?> ReadAsync(TableClient table, long rid, CancellationToken ct) =>
        table.FindAsync<RewardEntity>(RewardRows.Partition(rid), RewardRows.Reward, ct);

    private static Reward ToReward(RewardEntity row) =>
        new(long.Parse(row.PartitionKey, System.Globalization.CultureInfo.InvariantCulture), row.TipperId, row.ArticleId, row.AuthorId, row.Amount, row.PlatformShare,
            Enum.Parse<RewardStatus>(row.Status), row.Ctime);
}
