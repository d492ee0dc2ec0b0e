using Azure.Data.Tables;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Webook.Core.Storage.Redis;
using Webook.Core.Storage.Tables;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>Field rules answer code 4 and write nothing; the caches follow the writes.</summary>
public sealed class ArticleRuleTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = fixture.Server.CreateClient();

    public static TheoryData<string> BadSaves => new()
    {
        """{"title": "", "content": "x"}""",
        """{"title": "   ", "content": "x"}""",
        """{"content": "x"}""",
        $$"""{"title": "{{new string('t', 201)}}", "content": "x"}""",
        $$"""{"title": "ok", "content": "{{new string('c', 1024 * 1024 + 1)}}"}""",
        """{"id": -1, "title": "ok", "content": "x"}""",
        """{"id": 9007199254740992, "title": "ok", "content": "x"}""",
    };

    [Theory]
    [MemberData(nameof(BadSaves))]
    public async Task A_refused_save_or_publish_answers_code_4_and_stores_nothing(string body)
    {
        var author = await Accounts.SignupAndLoginAsync(_client);
        foreach (var path in new[] { "/articles/edit", "/articles/publish" })
        {
            var before = await CountRowsAsync();
            var response = await _client.PostRawAsync(path, body, author.AccessToken);
            Assert.Equal((HttpStatusCode.OK, 4), (response.Status, response.Code));
            Assert.Equal(before, await CountRowsAsync());
        }
    }

    [Fact]
    public async Task A_title_of_200_characters_and_content_of_1_MiB_are_accepted()
    {
        var author = await Accounts.SignupAndLoginAsync(_client);
        var id = await Articles.PublishAsync(_client, author, string.Concat(Enumerable.Repeat("标", 200)), new string('c', 1024 * 1024));
        Assert.Equal(1024 * 1024, (await Articles.ReadAsync(_client, id)).Data.GetProperty("content").GetString()!.Length);
    }

    [Theory]
    [InlineData("""{"id": "12"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"title": 5, "content": "x"}""", HttpStatusCode.BadRequest)]
    [InlineData("not json", HttpStatusCode.BadRequest)]
    public async Task A_body_of_the_wrong_shape_is_400(string body, HttpStatusCode status)
    {
        var author = await Accounts.SignupAndLoginAsync(_client);
        var response = await _client.PostRawAsync("/articles/edit", body, author.AccessToken);
        Assert.Equal((status, 4), (response.Status, response.Code));
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(0, 0)]
    [InlineData(0, 101)]
    public async Task A_bad_page_answers_code_4(int offset, int limit)
    {
        var author = await Accounts.SignupAndLoginAsync(_client);
        Assert.Equal(4, (await _client.PostApiAsync("/articles/list", new { offset, limit }, author.AccessToken)).Code);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("9007199254740992")]
    public async Task A_bad_id_in_the_path_is_not_found(string id)
    {
        var author = await Accounts.SignupAndLoginAsync(_client);
        Assert.Equal(4, (await _client.GetApiAsync($"/articles/detail/{id}", author.AccessToken)).Code);
        Assert.Equal(4, (await _client.GetApiAsync($"/articles/pub/{id}")).Code);
    }

    [Fact]
    public async Task Withdrawing_needs_an_id_and_a_token()
    {
        var author = await Accounts.SignupAndLoginAsync(_client);
        Assert.Equal(4, (await _client.PostApiAsync("/articles/withdraw", new { }, author.AccessToken)).Code);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.PostApiAsync("/articles/withdraw", new { id = 1 })).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.PostApiAsync("/articles/edit", new { title = "t", content = "c" })).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetApiAsync("/articles/detail/1")).Status);
    }

    [Fact]
    public async Task The_caches_follow_every_write()
    {
        var author = await Accounts.SignupAndLoginAsync(_client);
        var first = await Articles.EditAsync(_client, author, "One", "<p>1</p>");
        Assert.Single(await Articles.ListAsync(_client, author, 0, 10));
        Assert.True(await KeyExistsAsync($"articles:draft:{first}"));

        var second = await Articles.PublishAsync(_client, author, "Two", "<p>2</p>");
        var listed = await Articles.ListAsync(_client, author, 0, 10);
        Assert.Equal([second, first], listed.Select(a => a.GetProperty("id").GetInt64()));
        Assert.True(await KeyExistsAsync($"articles:pub:{second}"));

        await _client.PostApiAsync("/articles/withdraw", new { id = second }, author.AccessToken);
        Assert.False(await KeyExistsAsync($"articles:pub:{second}"));
        Assert.Equal(3, (await Articles.ListAsync(_client, author, 0, 10))[0].GetProperty("status").GetInt32());
        Assert.Equal(4, (await Articles.ReadAsync(_client, second)).Code);
    }

    private Task<bool> KeyExistsAsync(string name)
    {
        var redis = fixture.Server.Services.GetRequiredService<RedisConnection>();
        return redis.Database.KeyExistsAsync(redis.Key(name));
    }

    private async Task<int> CountRowsAsync()
    {
        var tables = fixture.Server.Services.GetRequiredService<WebookTables>();
        var count = 0;
        foreach (var name in new[] { WebookTables.Drafts, WebookTables.Published })
        {
            var table = await tables.GetAsync(name, CancellationToken.None);
            await foreach (var _ in table.QueryAsync<TableEntity>(select: ["PartitionKey"])) count++;
        }
        return count;
    }
}
