using System.Net;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>A stopped dependency answers code 5 promptly: never a hang, never a 200.</summary>
public sealed class DependencyFailureTests
{
    [Fact]
    public async Task With_redis_stopped_authenticated_requests_answer_code_5_and_readers_still_read()
    {
        await using var redis = await LocalService.StartRedisAsync();
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = $"127.0.0.1:{redis.Port}",
            [FrozenDependencyTests.RevocationMaxSilence] = "00:00:00.300",
            [FrozenDependencyTests.RevocationHeartbeat] = "00:00:00.050",
        });
        using var client = server.CreateClient();
        var user = await Accounts.SignupAndLoginAsync(client);
        Assert.Equal(0, (await client.GetApiAsync("/users/profile", user.AccessToken)).Code);
        var article = await Articles.PublishAsync(client, user, "Still readable", "<p>cache down</p>");

        await redis.StopAsync();
        await FrozenDependencyTests.PastTheRevocationBoundAsync();

        var read = await Articles.ReadAsync(client, article);
        Assert.Equal((0, "<p>cache down</p>"), (read.Code, read.Data.GetProperty("content").GetString()));

        AssertServerFailure(await client.GetApiAsync("/users/profile", user.AccessToken));
        AssertServerFailure(await client.PostApiAsync("/users/logout", null, user.AccessToken));
        AssertServerFailure(await client.PostApiAsync("/users/edit", new { nickname = "x", birthday = "", aboutMe = "" }, user.AccessToken));
        var health = await client.GetApiAsync("/healthz");
        AssertServerFailure(health);
        Assert.Equal("down", health.Data.GetProperty("checks").GetProperty("redis").GetString());
        Assert.Equal("ok", health.Data.GetProperty("checks").GetProperty("tables").GetString());
    }

    [Fact]
    public async Task With_azurite_stopped_signup_and_login_answer_code_5_and_no_connection_details_leak()
    {
        await using var azurite = await LocalService.StartAzuriteAsync();
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.AzuriteConnectionString,
        });
        using var client = server.CreateClient();
        var user = await Accounts.SignupAndLoginAsync(client);

        await azurite.StopAsync();

        var signup = await Accounts.SignupAsync(client, Accounts.NewEmail());
        AssertServerFailure(signup);
        Assert.DoesNotContain("127.0.0.1", signup.Msg);
        Assert.DoesNotContain("AccountKey", await signup.Raw.Content.ReadAsStringAsync());
        AssertServerFailure(await Accounts.LoginAsync(client, user.Email));
        var health = await client.GetApiAsync("/healthz");
        AssertServerFailure(health);
        Assert.Equal("down", health.Data.GetProperty("checks").GetProperty("tables").GetString());
        Assert.Equal("down", health.Data.GetProperty("checks").GetProperty("blobs").GetString());
    }

    [Fact]
    public async Task With_the_broker_down_readers_still_read_at_once_and_the_lost_read_events_are_logged()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            // Nothing listens on a port just freed: the broker is down from the start.
            ["Kafka:BootstrapServers"] = $"127.0.0.1:{LocalService.FreePort()}",
            ["ReadEvents:DeliveryTimeout"] = "00:00:01",
        });
        using var client = server.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(10);
        var user = await Accounts.SignupAndLoginAsync(client);
        var article = await Articles.PublishAsync(client, user, "No broker", "<p>still here</p>");

        for (var i = 0; i < 3; i++)
        {
            var read = await Articles.ReadAsync(client, article);
            Assert.Equal((0, 0L), (read.Code, read.Data.GetProperty("readCnt").GetInt64()));
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (LostReads(server) < 3 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(3, LostReads(server));
    }

    private static int LostReads(RunningServer server) =>
        server.Logs.Entries.Count(e => e.Message.StartsWith("Lost the read event", StringComparison.Ordinal));

    private static void AssertServerFailure(ApiResponse response) =>
        Assert.Equal((HttpStatusCode.InternalServerError, 5), (response.Status, response.Code));
}
