using Webook.Core.Ranking;
using Webook.Core.Ranking.Storage;

namespace Webook.IntegrationTests.Redis;

public sealed class RedisHotListCheckpointTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task A_saved_checkpoint_reads_back_whole_across_its_chunks_and_a_new_save_replaces_it()
    {
        var checkpoint = new RedisHotListCheckpoint(redis.Connection);
        Assert.Null(await checkpoint.LoadAsync(default));
        var builtAt = new DateTimeOffset(2026, 12, 7, 4, 0, 0, TimeSpan.Zero).AddTicks(1234567);
        var random = new Random(20261207);
        var saved = new HotListSnapshot("epoch-a", 4242, builtAt);
        for (var id = 1L; id <= RedisHotListCheckpoint.ChunkSize * 2 + 17; id++)
            saved.Put(new PublishedStamp(id * 7919, random.NextInt64(1, 1L << 53), builtAt.AddTicks(-random.NextInt64(0, TimeSpan.TicksPerDay * 7))),
                random.NextInt64(0, 1_000_000), random.NextInt64(0, 10_000_000), random.NextInt64(0, 100_000));

        await checkpoint.SaveAsync(saved, default);
        var loaded = await checkpoint.LoadAsync(default);

        Assert.NotNull(loaded);
        Assert.Equal((saved.Epoch, saved.Sequence, builtAt.ToUnixTimeMilliseconds()), (loaded.Epoch, loaded.Sequence, loaded.BuiltAt.ToUnixTimeMilliseconds()));
        Assert.Equal(saved.Candidates.OrderBy(c => c.Article.Id), loaded.Candidates.OrderBy(c => c.Article.Id));

        var smaller = new HotListSnapshot("epoch-b", 5000, builtAt);
        smaller.Put(new PublishedStamp(1, 2, builtAt), 10, 20, 30);
        await checkpoint.SaveAsync(smaller, default);
        var replaced = await checkpoint.LoadAsync(default);
        Assert.Equal(("epoch-b", 5000L), (replaced!.Epoch, replaced.Sequence));
        Assert.Equal(smaller.Candidates, replaced.Candidates);
    }

    [Fact]
    public async Task A_checkpoint_of_the_earlier_format_without_comment_counts_reads_as_none()
    {
        var checkpoint = new RedisHotListCheckpoint(redis.Connection);
        // Written by the release before comment counts: four meta fields, 40-byte candidates (six of them fill 240 bytes,
        // a multiple of the new width too).
        await redis.Connection.Database.HashSetAsync(redis.Connection.Key("{hotlist}:checkpoint"),
            [new("meta", "epoch-old 7 1765080000000 6"), new("0", new byte[6 * 40])]);

        Assert.Null(await checkpoint.LoadAsync(default));
    }
}
