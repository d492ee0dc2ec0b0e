using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core;
using Webook.Core.Comments;
using Webook.Core.Ranking;
using Webook.Core.Storage.Tables;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Comments;

/// <summary>
/// The comment store against the test Azurite as two instances (each its own locks) on the same table: the article's
/// count and each root's reply count equal the rows, however the posts and deletes interleave.
/// </summary>
public sealed class TableCommentStoreTests
{
    private readonly string _prefix = TestEnvironment.UniqueName("it");
    private const long Author = 77;
    private readonly long _article = Random.Shared.NextInt64(1, 1L << 50);

    [Fact]
    public async Task Parallel_posts_and_deletes_over_two_instances_keep_both_counts_equal_to_the_rows()
    {
        await using var a = Instance();
        await using var b = Instance();
        var root = (await a.Store.AddAsync(_article, Author, 1, "root", null, default))!;

        var replies = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? a : b).Store.AddAsync(_article, Author, 2, $"reply {i}", root.Id, default)));
        Assert.All(replies, Assert.NotNull);
        var deleted = await Task.WhenAll(replies.Where((_, i) => i % 3 == 0).Select((reply, i) => (i % 2 == 0 ? b : a).Store.DeleteAsync(reply!, Author, default)));
        Assert.All(deleted, Assert.True);

        Assert.Equal(27, (await a.Store.CountAsync(_article, default)).Count);
        Assert.Equal(26, (await b.Store.GetAsync(root.Id, default))!.ReplyCount);
        Assert.Equal(26, (await a.Store.RepliesAsync(_article, root.Id, null, 100, default)).Count);
        Assert.Equal(27, await RowsAsync());
        // Every write offered its count to the hot list's copy, which kept the newest of both instances' offers.
        var mirrored = await WaitForMirrorAsync(a, count => count?.Count == 27);
        Assert.Equal(new MirroredComments((await a.Store.CountAsync(_article, default)).Version, 27), mirrored);
    }

    private async Task<MirroredComments?> WaitForMirrorAsync(StoreInstance instance, Func<MirroredComments?, bool> done)
    {
        // The offers do not hold the writes: the last may still be on its way.
        var journal = instance.Services.GetRequiredService<IHotListJournal>();
        for (var deadline = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(20))
        {
            var held = (await journal.CountsAsync([_article], default))[0].Comments;
            if (done(held) || DateTime.UtcNow > deadline) return held;
        }
    }

    [Fact]
    public async Task A_root_with_more_replies_than_one_transaction_holds_goes_with_all_of_them()
    {
        await using var a = Instance();
        var root = (await a.Store.AddAsync(_article, Author, 1, "root", null, default))!;
        var kept = (await a.Store.AddAsync(_article, Author, 1, "kept", null, default))!;
        for (var i = 0; i < 120; i += 20)
            await Task.WhenAll(Enumerable.Range(i, 20).Select(j => a.Store.AddAsync(_article, Author, 2, $"reply {j}", root.Id, default)));
        var reply = (await a.Store.AddAsync(_article, Author, 3, "to a reply", (await a.Store.RepliesAsync(_article, root.Id, null, 1, default))[0].Id, default))!;
        Assert.Equal((root.Id, 2L), (reply.RootId, reply.ReplyToUserId));
        Assert.Equal(123, (await a.Store.CountAsync(_article, default)).Count);

        Assert.True(await a.Store.DeleteAsync(root, Author, default));

        Assert.Equal(1, (await a.Store.CountAsync(_article, default)).Count);
        Assert.Equal([kept.Id], (await a.Store.RootsAsync(_article, null, 10, default)).Select(c => c.Id));
        Assert.Equal(1, await RowsAsync());
        Assert.Null(await a.Store.GetAsync(reply.Id, default));
        Assert.Null(await a.Store.AddAsync(_article, Author, 4, "late", reply.Id, default));
        Assert.False(await a.Store.DeleteAsync(root, Author, default));
    }

    [Fact]
    public async Task A_parent_in_another_article_is_refused_and_nothing_is_written()
    {
        await using var a = Instance();
        var elsewhere = (await a.Store.AddAsync(_article + 1, Author, 1, "there", null, default))!;

        Assert.Null(await a.Store.AddAsync(_article, Author, 1, "here", elsewhere.Id, default));
        Assert.Equal(0, (await a.Store.CountAsync(_article, default)).Count);
        Assert.Equal(0, await RowsAsync());
    }

    // The article's comment rows (roots and replies), counted from the table.
    private async Task<int> RowsAsync()
    {
        var table = new TableServiceClient(TestEnvironment.StorageConnectionString).GetTableClient(_prefix + WebookTables.Comments);
        var rows = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == $"article-{_article}"))
            if (!row.RowKey.StartsWith("count-", StringComparison.Ordinal)) rows++;
        return rows;
    }

    private StoreInstance Instance()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestEnvironment.StorageConnectionString,
            ["Storage:TablePrefix"] = _prefix,
            ["Redis:ConnectionString"] = TestEnvironment.RedisConnectionString,
            ["Redis:KeyPrefix"] = _prefix + ":",
        };
        var services = new ServiceCollection().AddLogging().AddWebookCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return new StoreInstance(services.BuildServiceProvider());
    }

    private sealed class StoreInstance(ServiceProvider provider) : IAsyncDisposable
    {
        public ICommentStore Store => provider.GetRequiredService<ICommentStore>();
        public IServiceProvider Services => provider;

        public ValueTask DisposeAsync() => provider.DisposeAsync();
    }
}
