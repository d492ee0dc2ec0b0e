using System.Net;
using System.Text.Json;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>Follows over HTTP against the real tables and Redis: the rules, the lists, the races and a crash between the two writes.</summary>
public sealed class FollowTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task Follows_show_in_both_lists_the_counts_the_check_and_friends_and_are_idempotent()
    {
        using var client = Server.CreateClient();
        var (alice, bob) = (await Accounts.SignupAndLoginAsync(client), await Accounts.SignupAndLoginAsync(client));
        var (aliceId, bobId) = (await IdOf(client, alice), await IdOf(client, bob));
        Assert.Equal(0, (await client.PostApiAsync("/users/edit", new { nickname = "Bob", birthday = "2000-01-01", aboutMe = "" }, bob.AccessToken)).Code);

        Assert.Equal(0, (await Follow(client, alice, bobId)).Code);
        Assert.Equal(0, (await Follow(client, alice, bobId)).Code);

        var followees = (await client.GetApiAsync($"/follow/followee?follower={aliceId}&offset=0&limit=10")).Data;
        var listed = Assert.Single(followees.EnumerateArray());
        Assert.Equal((bobId, "Bob"), (listed.GetProperty("id").GetInt64(), listed.GetProperty("name").GetString()));
        Assert.True(listed.GetProperty("ctime").GetInt64() > 0);
        var follower = Assert.Single((await client.GetApiAsync($"/follow/follower?followee={bobId}&offset=0&limit=10")).Data.EnumerateArray());
        Assert.Equal(aliceId, follower.GetProperty("id").GetInt64());
        Assert.Matches(@"^.\*\*\*@example\.com$", follower.GetProperty("name").GetString());
        Assert.Equal((0L, 1L, true), Static(await client.GetApiAsync($"/follow/static?followee={bobId}", alice.AccessToken)));
        Assert.Equal((0L, 1L, false), Static(await client.GetApiAsync($"/follow/static?followee={bobId}")));
        Assert.Equal((1L, 0L, false), Static(await client.GetApiAsync($"/follow/static?followee={aliceId}", bob.AccessToken)));
        Assert.True((await client.GetApiAsync($"/follow/check?followee={bobId}", alice.AccessToken)).Data.GetProperty("followed").GetBoolean());
        Assert.Empty((await client.GetApiAsync("/follow/friends?offset=0&limit=10", alice.AccessToken)).Data.EnumerateArray());

        Assert.Equal(0, (await Follow(client, bob, aliceId)).Code);
        var friend = Assert.Single((await client.GetApiAsync("/follow/friends?offset=0&limit=10", alice.AccessToken)).Data.EnumerateArray());
        Assert.Equal(bobId, friend.GetProperty("id").GetInt64());

        Assert.Equal(0, (await Cancel(client, alice, bobId)).Code);
        Assert.Equal(0, (await Cancel(client, alice, bobId)).Code);
        Assert.Equal((1L, 0L, false), Static(await client.GetApiAsync($"/follow/static?followee={bobId}", alice.AccessToken)));
        Assert.False((await client.GetApiAsync($"/follow/check?followee={bobId}", alice.AccessToken)).Data.GetProperty("followed").GetBoolean());
        Assert.Empty((await client.GetApiAsync("/follow/friends?offset=0&limit=10", bob.AccessToken)).Data.EnumerateArray());
    }

    [Fact]
    public async Task Bad_input_is_refused_and_changes_nothing()
    {
        using var client = Server.CreateClient();
        var alice = await Accounts.SignupAndLoginAsync(client);
        var aliceId = await IdOf(client, alice);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostApiAsync("/follow/follow", new { followee = aliceId })).Status);
        Assert.Equal((4, "You cannot follow yourself."), Answer(await Follow(client, alice, aliceId)));
        Assert.Equal((4, "User not found."), Answer(await Follow(client, alice, 9_000_000_000_000_000 / 1000)));
        Assert.Equal(4, (await client.PostApiAsync("/follow/follow", new { }, alice.AccessToken)).Code);
        Assert.Equal(4, (await client.PostApiAsync("/follow/follow", new { followee = -1 }, alice.AccessToken)).Code);
        Assert.Equal(4, (await client.PostApiAsync("/follow/follow", new { followee = 1L << 53 }, alice.AccessToken)).Code);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostApiAsync("/follow/follow", new { followee = "x" }, alice.AccessToken)).Status);
        foreach (var query in new[]
                 {
                     "", $"follower={aliceId}", $"follower={aliceId}&offset=0", $"follower={aliceId}&offset=-1&limit=10",
                     $"follower={aliceId}&offset=0&limit=0", $"follower={aliceId}&offset=0&limit=101", $"follower=abc&offset=0&limit=10",
                     $"follower=0&offset=0&limit=10", $"follower={aliceId}&follower=2&offset=0&limit=10", $"follower={aliceId}&offset=0&limit=1.5",
                 })
            Assert.Equal(4, (await client.GetApiAsync($"/follow/followee?{query}")).Code);
        Assert.Equal(4, (await client.GetApiAsync("/follow/static")).Code);
        Assert.Equal(4, (await client.GetApiAsync("/follow/check?followee=-5", alice.AccessToken)).Code);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetApiAsync($"/follow/check?followee={aliceId}")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetApiAsync("/follow/friends?offset=0&limit=10")).Status);

        Assert.Equal((0L, 0L, false), Static(await client.GetApiAsync($"/follow/static?followee={aliceId}", alice.AccessToken)));
    }

    [Fact]
    public async Task Fifty_parallel_follows_and_cancels_of_one_pair_and_two_hundred_new_followers_leave_exact_counts()
    {
        using var client = Server.CreateClient();
        var (alice, star) = (await Accounts.SignupAndLoginAsync(client), await Accounts.SignupAndLoginAsync(client));
        var starId = await IdOf(client, star);

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => i % 2 == 0 ? Follow(client, alice, starId) : Cancel(client, alice, starId)));
        Assert.All(answers, a => Assert.Equal(0, a.Code));
        var followed = (await client.GetApiAsync($"/follow/check?followee={starId}", alice.AccessToken)).Data.GetProperty("followed").GetBoolean();
        Assert.Equal(followed ? 1 : 0, (await client.GetApiAsync($"/follow/follower?followee={starId}&offset=0&limit=100")).Data.GetArrayLength());
        if (followed) Assert.Equal(0, (await Cancel(client, alice, starId)).Code);

        var fans = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Accounts.SignupAndLoginAsync(client)));
        answers = await Task.WhenAll(fans.Select(fan => Follow(client, fan, starId)));
        Assert.All(answers, a => Assert.Equal(0, a.Code));

        Assert.Equal((0L, 200L, false), Static(await client.GetApiAsync($"/follow/static?followee={starId}")));
        var listed = 0;
        for (var offset = 0; offset < 300; offset += 100)
            listed += (await client.GetApiAsync($"/follow/follower?followee={starId}&offset={offset}&limit=100")).Data.GetArrayLength();
        Assert.Equal(200, listed);
    }

    [Fact]
    public async Task A_server_killed_between_a_follows_two_writes_leaves_it_for_the_repair_timer_of_another()
    {
        using var client = Server.CreateClient();
        var (alice, bob) = (await Accounts.SignupAndLoginAsync(client), await Accounts.SignupAndLoginAsync(client));
        var (aliceId, bobId) = (await IdOf(client, alice), await IdOf(client, bob));

        // A second Webook.Server process on the same tables and Redis that ends right after a follow's first write.
        using var doomed = await ServerProcess.StartAsync(Server.Settings,
            new Dictionary<string, string> { ["ReadEvents:ConsumerEnabled"] = "false", ["Follows:CrashBetweenWritesForTests"] = "true" });
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Follow(doomed.Client, alice, bobId));
        await doomed.Process.WaitForExitAsync();
        Assert.NotEqual(0, doomed.Process.ExitCode);

        // Half done: alice's side says she follows bob, bob's side does not know.
        Assert.Equal((1L, 0L, false), Static(await client.GetApiAsync($"/follow/static?followee={aliceId}")));
        Assert.Equal((0L, 0L, false), Static(await client.GetApiAsync($"/follow/static?followee={bobId}")));

        // Another instance whose repair runs every second and completes intents at once.
        await using var repairer = await RunningServer.StartAsync(new Dictionary<string, string?>(Server.Settings)
        {
            ["urls"] = "http://127.0.0.1:0", ["Follows:RepairSchedule"] = "* * * * * *", ["Follows:RepairAfter"] = "00:00:01",
            ["ReadEvents:ConsumerEnabled"] = "false",
        });
        using var repaired = repairer.CreateClient();
        for (var i = 0; i < 300 && Static(await repaired.GetApiAsync($"/follow/static?followee={bobId}")).Followers == 0; i++) await Task.Delay(100);

        Assert.Equal((0L, 1L, true), Static(await repaired.GetApiAsync($"/follow/static?followee={bobId}", alice.AccessToken)));
        Assert.Equal(aliceId, Assert.Single((await repaired.GetApiAsync($"/follow/follower?followee={bobId}&offset=0&limit=10")).Data.EnumerateArray())
            .GetProperty("id").GetInt64());
    }

    internal static async Task<long> IdOf(HttpClient client, LoggedInUser user) =>
        (await client.GetApiAsync("/users/profile", user.AccessToken)).Data.GetProperty("id").GetInt64();

    private static Task<ApiResponse> Follow(HttpClient client, LoggedInUser user, long followee) =>
        client.PostApiAsync("/follow/follow", new { followee }, user.AccessToken);

    private static Task<ApiResponse> Cancel(HttpClient client, LoggedInUser user, long followee) =>
        client.PostApiAsync("/follow/cancel", new { followee }, user.AccessToken);

    private static (long Followees, long Followers, bool Followed) Static(ApiResponse answer)
    {
        Assert.Equal(0, answer.Code);
        var data = answer.Data;
        return (data.GetProperty("followees").GetInt64(), data.GetProperty("followers").GetInt64(), data.GetProperty("followed").GetBoolean());
    }

    private static (int, string?) Answer(ApiResponse answer) => (answer.Code, answer.Msg);
}
