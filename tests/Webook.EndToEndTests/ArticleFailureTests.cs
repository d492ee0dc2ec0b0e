using Webook.Core.Articles.Storage;
using Azure.Data.Tables;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Storage.Tables;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>The order of writes between blobs and tables, proven by stopping the real blob service.</summary>
public sealed class ArticleFailureTests
{
    [Fact]
    public async Task With_the_blob_service_down_publish_changes_nothing_and_withdraw_hides_the_article_until_it_can_finish()
    {
        var data = Directory.CreateTempSubdirectory("webook-azurite-split-").FullName;
        await using var tables = await LocalService.StartAzuriteTableAsync(data);
        var blobs = await LocalService.StartAzuriteBlobAsync(data);
        var blobPort = blobs.Port;
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = LocalService.AzuriteConnectionStringFor(blobPort, tables.Port),
        });
        using var client = server.CreateClient();
        using var anonymous = new HttpClient();
        var author = await Accounts.SignupAndLoginAsync(client);
        var id = await Articles.PublishAsync(client, author, "v1", "<p>version one</p>");
        var url = (await Articles.ReadAsync(client, id)).Data.GetProperty("contentUrl").GetString()!;
        var versions = await VersionsAsync(server, author, id);

        await blobs.DisposeAsync();

        var publish = await client.PostApiAsync("/articles/publish", new { id, title = "v2", content = "<p>version two</p>" }, author.AccessToken);
        Assert.Equal((HttpStatusCode.InternalServerError, 5), (publish.Status, publish.Code));
        Assert.Equal(versions, await VersionsAsync(server, author, id));

        var withdraw = await client.PostApiAsync("/articles/withdraw", new { id }, author.AccessToken);
        Assert.Equal(5, withdraw.Code);
        Assert.Equal(4, (await Articles.ReadAsync(client, id)).Code);

        await using var restarted = await LocalService.StartAzuriteBlobAsync(data, blobPort);
        Assert.Equal("<p>version one</p>", await anonymous.GetStringAsync(url));
        Assert.Equal(0, (await client.PostApiAsync("/articles/withdraw", new { id }, author.AccessToken)).Code);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url)).StatusCode);
        Assert.Equal(3, (await Articles.DetailAsync(client, author, id)).Data.GetProperty("status").GetInt32());
    }

    private static async Task<(long Draft, long Published)> VersionsAsync(RunningServer server, LoggedInUser author, long id)
    {
        var tables = server.Services.GetRequiredService<WebookTables>();
        long draft = 0, published = 0;
        await foreach (var row in (await tables.GetAsync(WebookTables.Drafts, default)).QueryAsync<DraftArticleEntity>())
            if (row.Id == id) draft = row.Version;
        await foreach (var row in (await tables.GetAsync(WebookTables.Published, default)).QueryAsync<PublishedArticleEntity>())
            if (row.PartitionKey == id.ToString() && row.RowKey == row.PartitionKey) published = row.Version;
        return (draft, published);
    }
}
