using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core;
using Webook.Core.Articles;
using Webook.IntegrationTests.Storage;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Articles;

/// <summary>The article store against the test Azurite: what a publish costs in table and blob requests, and what it leaves.</summary>
public sealed class TableArticleStoreTests
{
    [Fact]
    public async Task Publishing_a_new_article_is_three_table_writes_and_two_uploads_in_four_round_trips_and_publishing_it_again_reads_each_row_once()
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
        // One after another: the claim, the two uploads together, the draft row, the published row.
        var first = await requests.InWavesAsync([1, 2, 1, 1], () => requests.OfAsync(() => store.SaveAsync(Article(0, "first"), publish: true, default)));
        Assert.Equal((3, 2), (first.Tables, first.Blobs));
        var id = first.Result!.Id;
        Assert.NotNull(first.Result.ContentUrl);

        // Again: both rows read once together (the author's draft, and who published it), new content uploaded together,
        // both rows replaced in turn, the old content deleted together: five round trips.
        var again = await requests.InWavesAsync([2, 2, 1, 1, 2], () => requests.OfAsync(() => store.SaveAsync(Article(id, "second"), publish: true, default)));
        Assert.Equal((4, 4), (again.Tables, again.Blobs));
        Assert.True(again.Result!.Version > first.Result.Version);

        var published = await store.GetPublishedAsync(id, default);
        Assert.Equal(("<p>second</p>", again.Result.Version, again.Result.ContentUrl), (published!.Content, published.Version, published.ContentUrl));
        Assert.Equal("<p>second</p>", (await store.GetDraftAsync(1, id, default))!.Content);
        // Another author cannot publish over it, and nothing is written: the two reads, at once, are all.
        var foreign = await requests.OfAsync(() => store.SaveAsync(Article(id, "theirs") with { AuthorId = 2 }, publish: true, default));
        Assert.Equal((2, 0, (Article?)null), (foreign.Tables, foreign.Blobs, foreign.Result));
    }

    private static Article Article(long id, string text) =>
        new() { Id = id, AuthorId = 1, Title = text, Abstract = text, Content = $"<p>{text}</p>" };
}
