using System.Text.Json;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>
/// Notifications end to end: a follow over HTTP, its event through the broker, Webook.Server's consumer loop, and the
/// notification over HTTP; read marks and an unfollow that withdraws it.
/// </summary>
public sealed class NotificationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task A_follow_reaches_the_followee_as_a_notification_through_the_broker_and_its_unfollow_withdraws_it()
    {
        using var client = Server.CreateClient();
        var (fan, star) = (await Accounts.SignupAndLoginAsync(client), await Accounts.SignupAndLoginAsync(client));
        var (fanId, starId) = (await FollowTests.IdOf(client, fan), await FollowTests.IdOf(client, star));
        Assert.Equal(0, (await client.PostApiAsync("/users/edit", new { nickname = "Fan", birthday = "2000-01-01", aboutMe = "" }, fan.AccessToken)).Code);

        Assert.Equal(0, (await client.PostApiAsync("/follow/follow", new { followee = starId }, fan.AccessToken)).Code);
        var list = await WaitForAsync(client, star, l => l.Count == 1);
        var notice = Assert.Single(list);
        Assert.Equal(("follow", fanId, "Fan", 1, false), (notice.GetProperty("type").GetString(), notice.GetProperty("actor").GetProperty("id").GetInt64(),
            notice.GetProperty("actor").GetProperty("name").GetString(), notice.GetProperty("count").GetInt32(), notice.GetProperty("read").GetBoolean()));
        Assert.Equal(1, (await client.GetApiAsync("/notifications/unread_cnt", star.AccessToken)).Data.GetInt32());
        Assert.Empty(await ListAsync(client, fan)); // the follower is told nothing

        Assert.Equal(0, (await client.PostApiAsync("/notifications/read", new { upto = notice.GetProperty("id").GetInt64() }, star.AccessToken)).Code);
        Assert.Equal(0, (await client.GetApiAsync("/notifications/unread_cnt", star.AccessToken)).Data.GetInt32());
        Assert.True((await ListAsync(client, star))[0].GetProperty("read").GetBoolean());
        var before = (await client.GetApiAsync($"/notifications?timestamp={notice.GetProperty("ctime").GetInt64()}&limit=10", star.AccessToken)).Data;
        Assert.Equal(0, before.GetArrayLength());

        Assert.Equal(0, (await client.PostApiAsync("/follow/cancel", new { followee = starId }, fan.AccessToken)).Code);
        await WaitForAsync(client, star, l => l.Count == 0);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_code_4()
    {
        using var client = Server.CreateClient();
        var user = await Accounts.SignupAndLoginAsync(client);
        foreach (var query in new[] { "", "?limit=0", "?limit=101", "?limit=x", "?timestamp=-1&limit=10", "?timestamp=soon&limit=10" })
            Assert.Equal(4, (await client.GetApiAsync("/notifications" + query, user.AccessToken)).Code);
        foreach (var body in new object[] { new { upto = -1 }, new { upto = 0 }, new { upto = 1L << 53 } })
            Assert.Equal(4, (await client.PostApiAsync("/notifications/read", body, user.AccessToken)).Code);
        Assert.Equal(4, (await client.PostRawAsync("/notifications/read", """{"upto": "all"}""", user.AccessToken)).Code);
        Assert.Equal(0, (await client.PostApiAsync("/notifications/read", new { }, user.AccessToken)).Code);
        Assert.Equal(401, (int)(await client.GetApiAsync("/notifications/unread_cnt")).Status);
    }

    private static async Task<List<JsonElement>> WaitForAsync(HttpClient client, LoggedInUser user, Func<List<JsonElement>, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        var list = await ListAsync(client, user);
        while (!done(list) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            list = await ListAsync(client, user);
        }
        Assert.True(done(list), $"the notifications never got there: {JsonSerializer.Serialize(list)}");
        return list;
    }

    private static async Task<List<JsonElement>> ListAsync(HttpClient client, LoggedInUser user)
    {
        var answer = await client.GetApiAsync("/notifications?limit=10", user.AccessToken);
        Assert.Equal(0, answer.Code);
        return answer.Data.EnumerateArray().ToList();
    }
}
