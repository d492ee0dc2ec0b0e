using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core;
using Microsoft.Extensions.Time.Testing;
using Webook.Core.Articles;
using Webook.Core.Articles.Storage;
using Webook.Core.Common;
using Webook.IntegrationTests.Storage;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Articles;

/// <summary>The article store against the test Azurite: what a publish costs in table and blob requests, and what it leaves.</summary>
public sealed class TableArticleStoreTests
{
    [Fact]
    public async Task Publishing_a_new_article_is_three_table_writes_and_two_uploads_in_three_round_trips_and_publishing_it_again_reads_each_row_once()
    {
        var requests = new StorageRequests();
        await using var services = requests.AddTo(new ServiceCollection().AddLogging().AddWebookCore(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = TestEnvironment.StorageConnectionString,
                ["Storage:TablePrefix"] = TestEnvironment.UniqueName("it"),
                ["Storage:ContentContainer"] = TestEnvironment.UniqueName("content"),
                ["Articles:DraftContainer"] = TestEnvironment.UniqueName("drafts"),
            }).Build())).BuildServiceProvider();
        var store = services.GetRequiredService<IArticleStore>();
        await store.SaveAsync(Article(0, "warm-up"), publish: true, default); // creates the tables and containers

        // The id claimed in the owners table, the draft row and the published row added; the draft and public content uploaded.
        // One after another: the claim and the two uploads together, the draft row, the published row with its event's
        // outbox row (one transaction), the outbox row deleted once its event is relayed (no brokers here: at once).
        var first = await requests.InWavesAsync([3, 1, 1, 1], () => requests.OfAsync(() => store.SaveAsync(Article(0, "first"), publish: true, default)));
        Assert.Equal((4, 2), (first.Tables, first.Blobs));
        var id = first.Result!.Id;
        Assert.NotNull(first.Result.ContentUrl);

        // Again: both rows read once together (the author's draft, and who published it), new content uploaded together,
        // both rows replaced in turn, the outbox row deleted, the old content deleted together: six round trips.
        var again = await requests.InWavesAsync([2, 2, 1, 1, 1, 2], () => requests.OfAsync(() => store.SaveAsync(Article(id, "second"), publish: true, default)));
        Assert.Equal((5, 4), (again.Tables, again.Blobs));
        Assert.True(again.Result!.Version > first.Result.Version);

        var published = await store.GetPublishedAsync(id, default);
        Assert.Equal(("<p>second</p>", again.Result.Version, again.Result.ContentUrl), (published!.Content, published.Version, published.ContentUrl));
        Assert.Equal("<p>second</p>", (await store.GetDraftAsync(1, id, default))!.Content);
        // Another author cannot publish over it, and nothing is written: the two reads, at once, are all.
        var foreign = await requests.OfAsync(() => store.SaveAsync(Article(id, "theirs") with { AuthorId = 2 }, publish: true, default));
        Assert.Equal((2, 0, (Article?)null), (foreign.Tables, foreign.Blobs, foreign.Result));
    }

    [Fact]
    public async Task A_new_article_whose_drawn_ids_are_all_taken_fails_as_changed_and_leaves_no_content_and_no_rows()
    {
        // Time stands still, so every id drawn is one of the 2,048 of this millisecond, and all of them are another article's.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var services = new ServiceCollection().AddLogging().AddWebookCore(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = TestEnvironment.StorageConnectionString,
                ["Storage:TablePrefix"] = TestEnvironment.UniqueName("it"),
                ["Storage:ContentContainer"] = TestEnvironment.UniqueName("content"),
                ["Articles:DraftContainer"] = TestEnvironment.UniqueName("drafts"),
            }).Build());
        await using var provider = services.AddSingleton<TimeProvider>(time).BuildServiceProvider();
        var ids = provider.GetRequiredService<IdGenerator>();
        var taken = new HashSet<long>();
        while (taken.Count < 2048) taken.Add(ids.Next());
        var claims = provider.GetRequiredService<ArticleIdClaims>();
        // 32 at a time: thousands at once outran the client's network timeout on a loaded machine, and an insert retried
        // after its first attempt landed reads as taken (409).
        var claimed = new System.Collections.Concurrent.ConcurrentBag<bool>();
        await Parallel.ForEachAsync(taken, new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (id, ct) => claimed.Add(await claims.TryClaimAsync(id, authorId: 2, ct)));
        Assert.Equal(2048, claimed.Count(c => c));

        var store = provider.GetRequiredService<IArticleStore>();
        await Assert.ThrowsAsync<ArticleChangedException>(() => store.SaveAsync(Article(0, "mine"), publish: true, default));

        var containers = provider.GetRequiredService<ArticleContainers>();
        Assert.Empty(await (await containers.DraftsAsync(default)).GetBlobsAsync().ToListAsync());
        Assert.Empty(await (await containers.PublishedContentAsync(default)).GetBlobsAsync().ToListAsync());
        Assert.Empty(await provider.GetRequiredService<IArticleStore>().ListAsync(1, 0, 10, default));
        // Every id of the next millisecond is free again.
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.NotNull(await store.SaveAsync(Article(0, "mine"), publish: true, default));
    }

    private static Article Article(long id, string text) =>
        new() { Id = id, AuthorId = 1, Title = text, Abstract = text, Content = $"<p>{text}</p>" };
}
