using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core;
using Webook.Core.Collections;
using Webook.Core.Collections.Storage;
using Webook.Core.Interactions;
using Webook.Core.Storage.Tables;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Collections;

/// <summary>
/// The collections store against the test Azurite as two instances (each its own locks) on the same table: a
/// collection's count equals its articles however the changes interleave, and the lists are newest first.
/// </summary>
public sealed class TableCollectionStoreTests
{
    private readonly string _prefix = TestEnvironment.UniqueName("it");
    private readonly long _user = Random.Shared.NextInt64(1, 1L << 50);

    [Fact]
    public async Task Parallel_collects_and_uncollects_over_two_instances_keep_the_count_equal_to_the_articles()
    {
        await using var a = Instance();
        await using var b = Instance();
        var shelf = await a.Store.CreateAsync(_user, "shelf", "", default);
        var articles = Enumerable.Range(1, 40).Select(i => (long)i).ToList();

        // Each article collected twice at once (once per instance), then a third taken out twice at once.
        await Task.WhenAll(articles.SelectMany(id => new[] { a, b }.Select(x => x.Store.SetCollectedAsync(_user, id, shelf, true, default))));
        var removed = articles.Where(id => id % 3 == 0).ToList();
        await Task.WhenAll(removed.SelectMany(id => new[] { b, a }.Select(x => x.Store.SetCollectedAsync(_user, id, shelf, false, default))));

        var kept = articles.Except(removed).ToList();
        Assert.Equal(kept.Count, (await b.Store.ListAsync(_user, default)).Single(c => c.Id == shelf).Count);
        var listed = await a.Store.CollectedAsync(_user, shelf, 0, 100, default);
        Assert.Equal(kept.Order(), listed.Select(e => e.ArticleId).Order());
        Assert.Equal(kept.Count * 2, await RowsAsync("-in-", "intime-"));
    }

    [Fact]
    public async Task Liking_at_once_from_two_instances_lists_the_article_once_and_the_list_is_newest_first()
    {
        await using var a = Instance();
        await using var b = Instance();

        // Some as after a changed record (written without a read), some as after none.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? a : b).Store.SetLikedAsync(_user, 7, true, recordChanged: i % 3 == 0, default)));
        Assert.Equal([7L], (await a.Store.LikedAsync(_user, 0, 10, default)).Select(e => e.ArticleId));
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? b : a).Store.SetLikedAsync(_user, 7, false, recordChanged: i == 0, default)));
        Assert.Empty(await b.Store.LikedAsync(_user, 0, 10, default));

        foreach (var id in new long[] { 11, 12, 13 })
        {
            await a.Store.SetLikedAsync(_user, id, true, recordChanged: true, default);
            await Task.Delay(5); // distinct milliseconds
        }
        Assert.Equal([13L, 12L, 11L], (await b.Store.LikedAsync(_user, 0, 10, default)).Select(e => e.ArticleId));
        Assert.Equal([12L], (await b.Store.LikedAsync(_user, 1, 1, default)).Select(e => e.ArticleId));
        Assert.Equal(6, await RowsAsync("-liked-", "likedtime-"));
        // A like written without a read over an entry a failed request left keeps that entry, once.
        await b.Store.SetLikedAsync(_user, 12, true, recordChanged: true, default);
        Assert.Equal([13L, 12L, 11L], (await a.Store.LikedAsync(_user, 0, 10, default)).Select(e => e.ArticleId));
        Assert.Equal(6, await RowsAsync("-liked-", "likedtime-"));
    }

    [Fact]
    public async Task A_move_takes_the_article_from_one_collection_to_the_other_in_one_transaction_and_needs_it_to_be_there()
    {
        await using var a = Instance();
        var shelf = await a.Store.CreateAsync(_user, "shelf", "", default);
        await a.Store.SetCollectedAsync(_user, 5, shelf, true, default);

        Assert.True(await a.Store.MoveAsync(_user, 5, shelf, 0, default));
        Assert.False(await a.Store.MoveAsync(_user, 5, shelf, 0, default));

        var collections = (await a.Store.ListAsync(_user, default)).ToDictionary(c => c.Id);
        Assert.Equal((0L, 1L), (collections[shelf].Count, collections[0].Count));
        Assert.Equal(TableCollectionStore.DefaultName, collections[0].Name);
        Assert.Equal([5L], (await a.Store.CollectedAsync(_user, 0, 0, 10, default)).Select(e => e.ArticleId));
        Assert.Empty(await a.Store.CollectedAsync(_user, shelf, 0, 10, default));
    }

    [Fact]
    public async Task Deleting_a_collection_larger_than_a_batch_takes_back_every_collect_record_and_a_stopped_deletion_finishes_when_run_again()
    {
        await using var a = Instance();
        var interactions = a.Services.GetRequiredService<InteractionRepository>();
        var shelf = await a.Store.CreateAsync(_user, "shelf", "", default);
        var articles = Enumerable.Range(0, TableCollectionStore.RemoveBatch + 11).Select(_ => Random.Shared.NextInt64(1, 1L << 50)).ToList();
        foreach (var id in articles)
        {
            await interactions.SetCollectAsync(id, InteractionEvent.NoOneElse, _user, shelf, true, default);
            await a.Store.SetCollectedAsync(_user, id, shelf, true, default);
        }
        Assert.True(await a.Store.BeginDeletingAsync(_user, shelf, default));
        Assert.False(await a.Store.IsCollectionOfAsync(_user, shelf, default));
        // A process that stopped after its first batch: some records taken back, some entries removed.
        var first = await a.Store.ArticlesInAsync(_user, shelf, 10, default);
        foreach (var id in first) await interactions.SetCollectAsync(id, InteractionEvent.NoOneElse, _user, shelf, false, default);
        await a.Store.RemoveAsync(_user, shelf, first, default);
        Assert.Equal(articles.Count - 10, (await a.Store.ListAsync(_user, default)).Single().Count);

        await a.Services.GetRequiredService<CollectionDeletion>().RunAsync(_user, shelf, default);

        Assert.Empty(await a.Store.ListAsync(_user, default));
        Assert.Equal(0, await RowsAsync("-in-", "intime-"));
        var counts = await Task.WhenAll(articles.Select(id => a.Services.GetRequiredService<IInteractionStore>().GetCountsAsync(id, default)));
        Assert.All(counts, c => Assert.Equal(0, c.Collects));
        Assert.False(await a.Store.BeginDeletingAsync(_user, shelf, default));
    }

    [Fact]
    public async Task Another_users_collection_is_not_the_callers()
    {
        await using var a = Instance();
        var theirs = await a.Store.CreateAsync(_user + 1, "theirs", "", default);

        Assert.False(await a.Store.IsCollectionOfAsync(_user, theirs, default));
        Assert.False(await a.Store.RenameAsync(_user, theirs, "mine now", "", default));
        Assert.False(await a.Store.BeginDeletingAsync(_user, theirs, default));
        Assert.True(await a.Store.IsCollectionOfAsync(_user, 0, default));
        Assert.Equal("theirs", (await a.Store.ListAsync(_user + 1, default)).Single().Name);
    }

    // The user's rows whose RowKey holds the first marker or starts with the second.
    private async Task<int> RowsAsync(string byArticle, string byTime)
    {
        var table = new TableServiceClient(TestEnvironment.StorageConnectionString).GetTableClient(_prefix + WebookTables.Collections);
        var rows = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == $"user-{_user}"))
            if (row.RowKey.Contains(byArticle, StringComparison.Ordinal) || row.RowKey.StartsWith(byTime, StringComparison.Ordinal)) rows++;
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
            // 80 writers on one collection's count row through two instances at once, more than one reader makes: on a
            // loaded machine 10 tries (the default) can run out, which would answer code 5, not miscount.
            ["Collections:WriteAttempts"] = "30",
        };
        var services = new ServiceCollection().AddLogging().AddWebookCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return new StoreInstance(services.BuildServiceProvider());
    }

    private sealed class StoreInstance(ServiceProvider provider) : IAsyncDisposable
    {
        public ICollectionStore Store => provider.GetRequiredService<ICollectionStore>();
        public IServiceProvider Services => provider;

        public ValueTask DisposeAsync() => provider.DisposeAsync();
    }
}
