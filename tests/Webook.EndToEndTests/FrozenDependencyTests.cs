using System.Net;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>
/// A dependency frozen with SIGSTOP keeps its sockets open and never answers, the case a stopped one does
/// not show: every request still gets an answer within its deadline. The clients' own timeouts (Redis
/// operations, storage tries) are set far beyond the client's here, so only the deadlines under test
/// (the cache timeout, the request timeout, the health check timeout) can produce an answer in time.
/// </summary>
public sealed class FrozenDependencyTests
{
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task With_redis_frozen_readers_read_from_the_store_and_the_rest_answer_code_5()
    {
        await using var redis = await LocalService.StartRedisAsync();
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = $"127.0.0.1:{redis.Port}",
            ["Redis:OperationTimeout"] = "00:01:00",
            ["Redis:CacheTimeout"] = "00:00:00.500",
            ["Http:RequestTimeout"] = "00:00:05",
            ["Health:CheckTimeout"] = "00:00:02",
            [RevocationMaxSilence] = "00:00:00.300",
            [RevocationHeartbeat] = "00:00:00.050",
        });
        using var client = server.CreateClient();
        client.Timeout = ClientTimeout;
        var user = await Accounts.SignupAndLoginAsync(client);
        var article = await Articles.PublishAsync(client, user, "Frozen cache", "<p>from the table</p>");
        var phone = SmsLogin.NewPhone();

        await redis.PauseAsync();
        try
        {
            await PastTheRevocationBoundAsync();
            var read = await Articles.ReadAsync(client, article);
            Assert.Equal((0, "<p>from the table</p>"), (read.Code, read.Data.GetProperty("content").GetString()));

            // The session check and the SMS code store cannot do without Redis: they refuse rather than guess.
            AssertServerFailure(await client.GetApiAsync("/users/profile", user.AccessToken));
            AssertServerFailure(await SmsLogin.SendCodeAsync(client, phone));
            var health = await client.GetApiAsync("/healthz");
            AssertServerFailure(health);
            Assert.Equal("down", health.Data.GetProperty("checks").GetProperty("redis").GetString());
            Assert.Equal("ok", health.Data.GetProperty("checks").GetProperty("tables").GetString());
        }
        finally
        {
            await redis.ResumeAsync();
        }

        Assert.Equal(0, (await client.GetApiAsync("/users/profile", user.AccessToken)).Code);
        Assert.Equal(0, (await SmsLogin.SendCodeAsync(client, phone)).Code);
    }

    [Fact]
    public async Task With_redis_frozen_a_like_answers_within_its_deadline_and_the_count_is_right_afterwards()
    {
        await using var redis = await LocalService.StartRedisAsync();
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = $"127.0.0.1:{redis.Port}",
            ["Redis:OperationTimeout"] = "00:01:00",
            ["Http:RequestTimeout"] = "00:00:05",
            [RevocationMaxSilence] = "00:00:00.300",
            [RevocationHeartbeat] = "00:00:00.050",
        });
        using var client = server.CreateClient();
        client.Timeout = ClientTimeout;
        var user = await Accounts.SignupAndLoginAsync(client);
        var article = await Articles.PublishAsync(client, user, "Frozen like", "<p>like</p>");

        await redis.PauseAsync();
        try
        {
            await PastTheRevocationBoundAsync();
            // The session check needs Redis and fails closed. The abandoned handler may still read this request
            // when Redis wakes, so the connection is closed: the next like must not lose its body to it.
            var frozen = await InteractionTests.LikeAsync(client, user, article, true);
            AssertServerFailure(frozen);
            Assert.True(frozen.Raw.Headers.ConnectionClose);
        }
        finally
        {
            await redis.ResumeAsync();
        }

        var like = await InteractionTests.LikeAsync(client, user, article, true);
        Assert.Equal((0, "OK"), (like.Code, like.Msg));
        var view = await InteractionTests.ReaderViewAsync(client, article, user);
        Assert.Equal((1, true), (InteractionTests.Likes(view), view.GetProperty("liked").GetBoolean()));
    }

    [Fact]
    public async Task With_azurite_frozen_a_like_answers_within_its_deadline_and_once_it_wakes_the_views_show_what_landed()
    {
        await using var azurite = await LocalService.StartAzuriteAsync();
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.AzuriteConnectionString,
            ["Storage:NetworkTimeout"] = "00:01:00",
            ["Http:RequestTimeout"] = "00:00:03",
        });
        using var client = server.CreateClient();
        client.Timeout = ClientTimeout;
        var user = await Accounts.SignupAndLoginAsync(client);
        var article = await Articles.PublishAsync(client, user, "Frozen store like", "<p>like</p>");
        var before = await InteractionTests.ReaderViewAsync(client, article, user); // the caches now hold 0 likes, not liked
        Assert.Equal((0L, false), (InteractionTests.Likes(before), before.GetProperty("liked").GetBoolean()));

        await azurite.PauseAsync();
        try
        {
            AssertServerFailure(await InteractionTests.LikeAsync(client, user, article, true));
        }
        finally
        {
            await azurite.ResumeAsync();
        }

        // The like's transaction was already in flight when its request was answered: it lands when the table wakes,
        // and the caches hear of it then, not when they expire.
        var deadline = DateTime.UtcNow + ClientTimeout;
        var view = before;
        while (DateTime.UtcNow < deadline && (InteractionTests.Likes(view), view.GetProperty("liked").GetBoolean()) != (1L, true))
        {
            await Task.Delay(100);
            view = await InteractionTests.ReaderViewAsync(client, article, user);
        }
        Assert.Equal((1L, true), (InteractionTests.Likes(view), view.GetProperty("liked").GetBoolean()));
        Assert.Equal(0, (await InteractionTests.LikeAsync(client, user, article, true)).Code);
        Assert.Equal(1L, InteractionTests.Likes(await InteractionTests.ReaderViewAsync(client, article, user)));
    }

    [Fact]
    public async Task With_azurite_frozen_signup_and_publish_answer_code_5_and_lose_nothing()
    {
        await using var azurite = await LocalService.StartAzuriteAsync();
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.AzuriteConnectionString,
            ["Storage:NetworkTimeout"] = "00:01:00",
            ["Http:RequestTimeout"] = "00:00:05",
            ["Health:CheckTimeout"] = "00:00:02",
        });
        using var client = server.CreateClient();
        client.Timeout = ClientTimeout;
        var user = await Accounts.SignupAndLoginAsync(client);
        var email = Accounts.NewEmail();

        await azurite.PauseAsync();
        try
        {
            AssertServerFailure(await Accounts.SignupAsync(client, email));
            AssertServerFailure(await client.PostApiAsync("/articles/publish",
                new { id = 0, title = "Frozen store", content = "<p>never half saved</p>" }, user.AccessToken));
            var health = await client.GetApiAsync("/healthz");
            AssertServerFailure(health);
            Assert.Equal("down", health.Data.GetProperty("checks").GetProperty("tables").GetString());
            Assert.Equal("down", health.Data.GetProperty("checks").GetProperty("blobs").GetString());
            Assert.Equal("ok", health.Data.GetProperty("checks").GetProperty("redis").GetString());
        }
        finally
        {
            await azurite.ResumeAsync();
        }

        // The refused signup left no half account behind: the email is free, or fully registered.
        var retry = await Accounts.SignupAsync(client, email);
        if (retry.Code != 0) Assert.Equal((4, "This email is already registered."), (retry.Code, retry.Msg));
        Assert.Equal(0, (await Accounts.LoginAsync(client, email)).Code);
        // The refused publish left nothing half saved: whatever the author's list shows can be opened.
        foreach (var summary in await Articles.ListAsync(client, user, 0, 10))
            Assert.Equal(0, (await Articles.DetailAsync(client, user, summary.GetProperty("id").GetInt64())).Code);
    }

    [Fact]
    public async Task With_redis_frozen_social_reads_come_from_the_tables_and_writes_answer_code_5()
    {
        await using var redis = await LocalService.StartRedisAsync();
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = $"127.0.0.1:{redis.Port}",
            ["Redis:OperationTimeout"] = "00:01:00",
            ["Redis:CacheTimeout"] = "00:00:00.500",
            ["Http:RequestTimeout"] = "00:00:05",
            [RevocationMaxSilence] = "00:00:00.300",
            [RevocationHeartbeat] = "00:00:00.050",
        });
        using var client = server.CreateClient();
        client.Timeout = ClientTimeout;
        var (author, reader) = (await Accounts.SignupAndLoginAsync(client), await Accounts.SignupAndLoginAsync(client));
        var authorId = await FollowTests.IdOf(client, author);
        var article = await Articles.PublishAsync(client, author, "Frozen social", "<p>talk</p>");
        await CommentTests.PostAsync(client, reader, article, "before the freeze");
        Assert.Equal(0, (await client.PostApiAsync("/follow/follow", new { followee = authorId }, reader.AccessToken)).Code);
        await FeedTests.WaitForAsync(client, reader, page => page.Any(a => a.GetProperty("id").GetInt64() == article)); // the feed consumer has it

        await redis.PauseAsync();
        try
        {
            await PastTheRevocationBoundAsync();
            var followers = await client.GetApiAsync($"/follow/static?followee={authorId}");
            Assert.Equal((0, 1L), (followers.Code, followers.Data.GetProperty("followers").GetInt64()));
            var page = await client.GetApiAsync($"/articles/pub/comment?id={article}&limit=10");
            Assert.Equal((0, "before the freeze"), (page.Code, page.Data[0].GetProperty("content").GetString()));
            Assert.Equal((0, 1L), await CodeAndCountAsync(client, article));
            // The latest list needs no session: its counts and names come from the tables; the following feed needs one.
            var latest = await client.GetApiAsync("/articles/pub/latest?limit=100");
            Assert.Equal(0, latest.Code);
            Assert.Contains(article, latest.Data.EnumerateArray().Select(a => a.GetProperty("id").GetInt64()));
            AssertServerFailure(await client.GetApiAsync("/feed?limit=10", reader.AccessToken));

            // Every write needs the session check (and a comment its flood limit): they refuse rather than guess.
            AssertServerFailure(await client.PostApiAsync("/follow/cancel", new { followee = authorId }, reader.AccessToken));
            AssertServerFailure(await client.PostApiAsync("/articles/pub/comment", new { id = article, content = "frozen" }, reader.AccessToken));
            AssertServerFailure(await client.PostApiAsync("/collection/save", new { name = "Frozen" }, reader.AccessToken));
        }
        finally
        {
            await redis.ResumeAsync();
        }

        Assert.Equal((0, 1L), await CodeAndCountAsync(client, article));
        Assert.Equal(1, (await client.GetApiAsync($"/follow/static?followee={authorId}")).Data.GetProperty("followers").GetInt64());
        Assert.Equal(["Default"], (await client.GetApiAsync("/collection/list", reader.AccessToken)).Data.EnumerateArray()
            .Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task With_azurite_frozen_social_writes_answer_code_5_within_their_deadline_and_sent_again_leave_exact_counts()
    {
        await using var azurite = await LocalService.StartAzuriteAsync();
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.AzuriteConnectionString,
            ["Storage:NetworkTimeout"] = "00:01:00",
            ["Http:RequestTimeout"] = "00:00:03",
        });
        using var client = server.CreateClient();
        client.Timeout = ClientTimeout;
        var (author, reader) = (await Accounts.SignupAndLoginAsync(client), await Accounts.SignupAndLoginAsync(client));
        var authorId = await FollowTests.IdOf(client, author);
        var article = await Articles.PublishAsync(client, author, "Frozen store social", "<p>talk</p>");
        var shelf = await CollectionTests.CreateAsync(client, reader, "Shelf");
        Func<Task<ApiResponse>>[] writes =
        [
            () => client.PostApiAsync("/follow/follow", new { followee = authorId }, reader.AccessToken),
            () => InteractionTests.CollectAsync(client, reader, article, shelf),
            () => InteractionTests.LikeAsync(client, reader, article, true),
            () => client.PostApiAsync("/articles/pub/comment", new { id = article, content = "once" }, reader.AccessToken),
        ];

        await azurite.PauseAsync();
        try
        {
            foreach (var write in writes) AssertServerFailure(await write());
        }
        finally
        {
            await azurite.ResumeAsync();
        }

        // Sent again, each converges: what the frozen requests left is completed, never counted twice.
        foreach (var write in writes.SkipLast(1)) Assert.Equal(0, (await write()).Code);
        var counts = (await client.GetApiAsync($"/follow/static?followee={authorId}")).Data;
        Assert.Equal(1, counts.GetProperty("followers").GetInt64());
        Assert.Equal(1, (await client.GetApiAsync($"/follow/static?followee={await FollowTests.IdOf(client, reader)}")).Data.GetProperty("followees").GetInt64());
        var view = await InteractionTests.ReaderViewAsync(client, article, reader);
        Assert.Equal((1L, 1L, true, true), (InteractionTests.Likes(view), view.GetProperty("collectCnt").GetInt64(),
            view.GetProperty("liked").GetBoolean(), view.GetProperty("collected").GetBoolean()));
        var collections = (await client.GetApiAsync("/collection/list", reader.AccessToken)).Data.EnumerateArray().ToList();
        Assert.Equal(1, collections.Single(c => c.GetProperty("id").GetInt64() == shelf).GetProperty("count").GetInt64());
        Assert.Equal([article], (await client.GetApiAsync($"/articles/pub/collected?cid={shelf}&offset=0&limit=10", reader.AccessToken)).Data
            .EnumerateArray().Select(a => a.GetProperty("id").GetInt64()));
        Assert.Equal([article], (await client.GetApiAsync("/articles/pub/liked?offset=0&limit=10", reader.AccessToken)).Data
            .EnumerateArray().Select(a => a.GetProperty("id").GetInt64()));
        // The frozen comment landed or did not; either way the count is the comments listed.
        var listed = (await client.GetApiAsync($"/articles/pub/comment?id={article}&limit=10")).Data.GetArrayLength();
        Assert.Equal((0, (long)listed), await CodeAndCountAsync(client, article));
    }

    [Fact]
    public async Task With_azurite_frozen_the_feeds_answer_code_5_within_their_deadline_and_afterwards_show_what_was_published()
    {
        await using var azurite = await LocalService.StartAzuriteAsync();
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.AzuriteConnectionString,
            ["Storage:NetworkTimeout"] = "00:01:00",
            ["Http:RequestTimeout"] = "00:00:03",
        });
        using var client = server.CreateClient();
        client.Timeout = ClientTimeout;
        var (author, reader) = (await Accounts.SignupAndLoginAsync(client), await Accounts.SignupAndLoginAsync(client));
        Assert.Equal(0, (await client.PostApiAsync("/follow/follow", new { followee = await FollowTests.IdOf(client, author) }, reader.AccessToken)).Code);
        var article = await Articles.PublishAsync(client, author, "Frozen feed", "<p>pushed</p>");
        await FeedTests.WaitForAsync(client, reader, page => page.Any(a => a.GetProperty("id").GetInt64() == article));

        await azurite.PauseAsync();
        try
        {
            // The follows, the inbox and the latest box are all in the frozen tables: answered at the deadline, not held.
            AssertServerFailure(await client.GetApiAsync("/feed?limit=10", reader.AccessToken));
            AssertServerFailure(await client.GetApiAsync("/articles/pub/latest?limit=10"));
        }
        finally
        {
            await azurite.ResumeAsync();
        }

        Assert.Equal([article], (await client.GetApiAsync("/feed?limit=10", reader.AccessToken)).Data.EnumerateArray().Select(a => a.GetProperty("id").GetInt64()));
        Assert.Contains(article, (await client.GetApiAsync("/articles/pub/latest?limit=100")).Data.EnumerateArray().Select(a => a.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task With_azurite_frozen_a_reward_and_its_callback_fail_within_their_deadline_and_the_callback_sent_again_settles_it()
    {
        await using var azurite = await LocalService.StartAzuriteAsync();
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.AzuriteConnectionString,
            ["Storage:NetworkTimeout"] = "00:01:00",
            ["Http:RequestTimeout"] = "00:00:03",
        });
        using var client = server.CreateClient();
        client.Timeout = ClientTimeout;
        var (author, article, reader) = await Rewards.ArticleAndReaderAsync(client);
        var (rid, _) = await Rewards.RewardedAsync(client, reader, article, 100);
        Rewards.Pay.SetState(Rewards.TradeNo(rid), "SUCCESS");

        await azurite.PauseAsync();
        try
        {
            AssertServerFailure(await Rewards.RewardAsync(client, reader, article, 100));
            // WeChat Pay sends a callback again on any answer but 2xx.
            var callback = await SharedFakeWeChatPay.NotifyAsync(client, Rewards.Pay.Callback(Rewards.TradeNo(rid), "SUCCESS"));
            Assert.Equal(HttpStatusCode.InternalServerError, callback.StatusCode);
        }
        finally
        {
            await azurite.ResumeAsync();
        }

        Assert.Equal(HttpStatusCode.NoContent, (await SharedFakeWeChatPay.NotifyAsync(client, Rewards.Pay.Callback(Rewards.TradeNo(rid), "SUCCESS"))).StatusCode);
        await Rewards.WaitForStatusAsync(client, reader, rid, "RewardStatusPayed");
        Assert.Equal(90, (await Rewards.WalletAsync(client, author)).GetProperty("balance").GetInt64());
    }

    private static async Task<(int, long)> CodeAndCountAsync(HttpClient client, long article)
    {
        var answer = await client.GetApiAsync($"/articles/pub/comment_cnt?id={article}");
        return (answer.Code, answer.Code == 0 ? answer.Data.GetInt64() : -1);
    }

    /// <summary>
    /// An instance answers session checks from its own copy of the logouts while its heartbeat through Redis is younger
    /// than Auth:RevocationMaxSilence (no logout can complete meanwhile either); these tests set 300 ms and wait twice that.
    /// </summary>
    internal const string RevocationMaxSilence = "Auth:RevocationMaxSilence";
    internal const string RevocationHeartbeat = "Auth:RevocationHeartbeat";

    internal static Task PastTheRevocationBoundAsync() => Task.Delay(TimeSpan.FromMilliseconds(600));

    private static void AssertServerFailure(ApiResponse response) =>
        Assert.Equal((HttpStatusCode.InternalServerError, 5), (response.Status, response.Code));
}
