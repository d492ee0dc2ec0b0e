using Webook.Core.Articles.Storage;
using System.Net;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Articles;
using Webook.Core.Storage.Tables;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>Concurrent saves of one article over real HTTP, and the blobs they leave (listed with the SDK).</summary>
public sealed class ArticleSaveTests
{
    private const string Changed = "The article was changed by another save; please try again.";
    private readonly HttpClient _anonymous = new();

    [Fact]
    public async Task Twenty_parallel_publishes_all_succeed_the_last_wins_and_no_blob_is_left_behind()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.CreateClient();
        var author = await Accounts.SignupAndLoginAsync(client);
        var id = await Articles.PublishAsync(client, author, "Race", "<p>start</p>");
        var contents = Enumerable.Range(0, 20).Select(i => $"<p>version {i}</p>").ToList();

        var answers = await Task.WhenAll(contents.Select((content, i) =>
            client.PostApiAsync("/articles/publish", new { id, title = $"Race {i}", content }, author.AccessToken)));

        Assert.All(answers, a => Assert.Equal((0, id), (a.Code, a.Data.GetInt64())));
        var draft = (await Articles.DetailAsync(client, author, id)).Data.GetProperty("content").GetString();
        var published = (await Articles.ReadAsync(client, id)).Data;
        Assert.Contains(draft, contents);
        Assert.Equal(draft, published.GetProperty("content").GetString());
        Assert.Equal(draft, await _anonymous.GetStringAsync(published.GetProperty("contentUrl").GetString()));
        Assert.Equal((1, 1), await BlobCountsAsync(server, id));

        Assert.Equal(0, (await client.PostApiAsync("/articles/withdraw", new { id }, author.AccessToken)).Code);
        Assert.Equal((1, 0), await BlobCountsAsync(server, id));
    }

    [Fact]
    public async Task A_save_that_runs_out_of_write_attempts_answers_code_4_and_deletes_its_blobs()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["Articles:WriteAttempts"] = "1" });
        using var client = server.CreateClient();
        var author = await Accounts.SignupAndLoginAsync(client);
        var id = await Articles.PublishAsync(client, author, "Race", "<p>start</p>");

        // With one attempt, a save that finds the row changed by an older save gives up; parallel
        // saves make that happen almost every round (at most 5 rounds).
        var refused = 0;
        for (var round = 0; round < 5 && refused == 0; round++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
                client.PostApiAsync("/articles/publish", new { id, title = $"Race {i}", content = $"<p>version {i}</p>" }, author.AccessToken)));
            Assert.All(answers, a => Assert.Contains((a.Status, a.Code, a.Msg), new[] { (HttpStatusCode.OK, 0, "OK"), (HttpStatusCode.OK, 4, Changed) }));
            refused = answers.Count(a => a.Code == 4);
        }

        Assert.True(refused > 0, "no save ran out of attempts");
        Assert.Equal((1, 1), await BlobCountsAsync(server, id));
        var published = (await Articles.ReadAsync(client, id)).Data;
        Assert.Equal(published.GetProperty("content").GetString(), (await Articles.DetailAsync(client, author, id)).Data.GetProperty("content").GetString());
    }

    [Fact]
    public async Task The_sweep_deletes_orphan_blobs_older_than_the_grace_period_and_keeps_the_ones_rows_name()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            // Containers of its own: the sweep lists whole containers, and other tests' rows are in other tables.
            ["Articles:DraftContainer"] = TestEnvironment.UniqueName("drafts"),
            ["Storage:ContentContainer"] = TestEnvironment.UniqueName("content"),
            ["Articles:SweepGracePeriod"] = "00:00:02",
            ["Articles:SweepSchedule"] = "0 0 0 1 1 *",
        });
        using var client = server.CreateClient();
        var author = await Accounts.SignupAndLoginAsync(client);
        var id = await Articles.PublishAsync(client, author, "Kept", "<p>kept</p>");
        var withdrawn = await Articles.PublishAsync(client, author, "Withdrawn", "<p>gone</p>");
        var containers = server.Services.GetRequiredService<ArticleContainers>();
        var drafts = await containers.DraftsAsync(default);
        var content = await containers.PublishedContentAsync(default);
        var authorFolder = (await NamesAsync(drafts)).Single(n => n.Contains($"/{id}/")).Split('/')[0];
        await drafts.UploadBlobAsync($"{authorFolder}/{id}/orphan.html", BinaryData.FromString("<p>orphan</p>"));
        await content.UploadBlobAsync($"{id}/orphan.html", BinaryData.FromString("<p>orphan</p>"));
        // A withdrawn article's blob that a failed delete left: its row is private.
        var withdrawnBlob = (await NamesAsync(content)).Single(n => n.StartsWith($"{withdrawn}/"));
        Assert.Equal(0, (await client.PostApiAsync("/articles/withdraw", new { id = withdrawn }, author.AccessToken)).Code);
        await content.UploadBlobAsync(withdrawnBlob, BinaryData.FromString("<p>gone</p>"));
        var sweep = server.Services.GetRequiredService<ArticleBlobSweep>();

        Assert.Equal(0, await sweep.RunAsync(default));
        Assert.Equal(6, (await NamesAsync(drafts)).Count + (await NamesAsync(content)).Count);

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(3, await sweep.RunAsync(default));

        Assert.Equal(2, (await NamesAsync(drafts)).Count);
        Assert.DoesNotContain(await NamesAsync(drafts), n => n.EndsWith("/orphan.html"));
        var url = (await Articles.ReadAsync(client, id)).Data.GetProperty("contentUrl").GetString();
        Assert.Equal("<p>kept</p>", await _anonymous.GetStringAsync(url));
        Assert.Equal([new Uri(url!).Segments[^2] + new Uri(url!).Segments[^1]], await NamesAsync(content));
        Assert.Equal("<p>kept</p>", (await Articles.DetailAsync(client, author, id)).Data.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Ids_are_claimed_in_the_owners_table_and_publish_and_withdraw_refuse_a_published_row_of_another_author()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.CreateClient();
        var author = await Accounts.SignupAndLoginAsync(client);
        var id = await Articles.PublishAsync(client, author, "Mine", "<p>mine</p>");
        var tables = server.Services.GetRequiredService<WebookTables>();
        var owner = await (await tables.GetAsync(WebookTables.ArticleOwners, default)).GetEntityAsync<TableEntity>(id.ToString(), id.ToString());
        Assert.True(owner.Value.GetInt64("AuthorId") > 0);

        // An id collision from before ids were claimed: the published row belongs to someone else.
        var published = await tables.GetAsync(WebookTables.Published, default);
        await published.UpdateEntityAsync(new TableEntity(id.ToString(), id.ToString()) { ["AuthorId"] = owner.Value.GetInt64("AuthorId") + 1 }, ETag.All, TableUpdateMode.Merge);

        var publish = await client.PostApiAsync("/articles/publish", new { id, title = "Take", content = "<p>taken</p>" }, author.AccessToken);
        var withdraw = await client.PostApiAsync("/articles/withdraw", new { id }, author.AccessToken);

        Assert.Equal((4, "Article not found."), (publish.Code, publish.Msg));
        Assert.Equal((4, "Article not found."), (withdraw.Code, withdraw.Msg));
        Assert.Equal("<p>mine</p>", (await Articles.ReadAsync(client, id)).Data.GetProperty("content").GetString());
    }

    /// <summary>(draft blobs, public blobs) of the article.</summary>
    private static async Task<(int, int)> BlobCountsAsync(RunningServer server, long id)
    {
        var containers = server.Services.GetRequiredService<ArticleContainers>();
        var drafts = (await NamesAsync(await containers.DraftsAsync(default))).Count(n => n.Split('/')[1] == id.ToString());
        var published = (await NamesAsync(await containers.PublishedContentAsync(default), $"{id}/")).Count;
        return (drafts, published);
    }

    private static async Task<List<string>> NamesAsync(BlobContainerClient container, string? prefix = null)
    {
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, default)) names.Add(blob.Name);
        return names;
    }
}
