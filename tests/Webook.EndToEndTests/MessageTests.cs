using System.Text.Json;
using Webook.Core.Messages;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>Messages between friends over HTTP against the real tables and Redis: polling, conversations, unread counts, refusals, the limit.</summary>
public sealed class MessageTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task Friends_send_poll_oldest_first_and_see_their_conversations_with_unread_counts()
    {
        using var client = Server.CreateClient();
        var (alice, bob, aliceId, bobId) = await FriendsAsync(client);

        var hello = await SendAsync(client, alice, bobId, "hello <b>bob</b>");
        await Task.Delay(3);
        var again = await SendAsync(client, alice, bobId, "are you there?");

        var conversations = await DataAsync(client, bob, "/message/conversations");
        var conversation = Assert.Single(conversations);
        Assert.Equal((aliceId, 2), (conversation.GetProperty("user").GetProperty("id").GetInt64(), conversation.GetProperty("unread").GetInt32()));
        Assert.False(string.IsNullOrEmpty(conversation.GetProperty("user").GetProperty("name").GetString()));
        Assert.Equal((again, aliceId, "are you there?"), (conversation.GetProperty("last").GetProperty("id").GetInt64(),
            conversation.GetProperty("last").GetProperty("from").GetInt64(), conversation.GetProperty("last").GetProperty("content").GetString()));

        var chat = await DataAsync(client, bob, $"/message/chat?with={aliceId}");
        Assert.Equal([hello, again], chat.Select(m => m.GetProperty("id").GetInt64()));
        Assert.Equal(("hello <b>bob</b>", aliceId, bobId), (chat[0].GetProperty("content").GetString(), chat[0].GetProperty("from").GetInt64(), chat[0].GetProperty("to").GetInt64()));
        Assert.Equal(0, (await DataAsync(client, bob, "/message/conversations"))[0].GetProperty("unread").GetInt32());

        var after = chat[1].GetProperty("ctime").GetInt64();
        Assert.Empty(await DataAsync(client, bob, $"/message/chat?with={aliceId}&after={after}"));
        var reply = await SendAsync(client, bob, aliceId, "yes!");
        Assert.Equal([reply], (await DataAsync(client, alice, $"/message/chat?with={bobId}&after={after}")).Select(m => m.GetProperty("id").GetInt64()));
        Assert.Equal([reply], (await DataAsync(client, bob, $"/message/chat?with={aliceId}&after={after}")).Select(m => m.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Messages_go_to_friends_only_bad_input_is_refused_with_code_4_and_nothing_is_sent()
    {
        using var client = Server.CreateClient();
        var (alice, bob, _, bobId) = await FriendsAsync(client);
        var (carol, carolId) = await UserAsync(client);
        // Carol follows Bob, who does not follow her back: not friends either way.
        Assert.Equal(0, (await client.PostApiAsync("/follow/follow", new { followee = bobId }, carol.AccessToken)).Code);
        var aliceId = await FollowTests.IdOf(client, alice);

        Assert.Equal(4, (await client.PostApiAsync("/message/send", new { to = bobId, content = "hi" }, carol.AccessToken)).Code);
        Assert.Equal(4, (await client.PostApiAsync("/message/send", new { to = carolId, content = "hi" }, bob.AccessToken)).Code);
        Assert.Equal(4, (await client.PostApiAsync("/message/send", new { to = aliceId, content = "me" }, alice.AccessToken)).Code);
        object[] bodies =
        [
            new { content = "x" }, new { to = bobId }, new { to = bobId, content = "" }, new { to = bobId, content = "   " },
            new { to = bobId, content = new string('x', MessageHandlers.MaxContentLength + 1) }, new { to = -1, content = "x" },
            new { to = 0, content = "x" }, new { to = 1L << 53, content = "x" },
        ];
        foreach (var body in bodies) Assert.Equal(4, (await client.PostApiAsync("/message/send", body, alice.AccessToken)).Code);
        foreach (var raw in new[] { """{"to": "bob", "content": "x"}""", $$"""{"to": {{bobId}}, "content": 5}""" })
            Assert.Equal(4, (await client.PostRawAsync("/message/send", raw, alice.AccessToken)).Code);
        foreach (var query in new[] { "", "?with=", "?with=x", "?with=-2", $"?with={1L << 53}", $"?with={bobId}&after=-1", $"?with={bobId}&after=soon", $"?with={bobId}&with=1" })
            Assert.Equal(4, (await client.GetApiAsync("/message/chat" + query, alice.AccessToken)).Code);
        Assert.Equal(401, (int)(await client.GetApiAsync("/message/conversations")).Status);
        Assert.Equal(401, (int)(await client.PostApiAsync("/message/send", new { to = bobId, content = "x" })).Status);
        // A 1000-character message is fine, in characters, not bytes.
        Assert.Equal(0, (await client.PostApiAsync("/message/send", new { to = bobId, content = new string('好', MessageHandlers.MaxContentLength) }, alice.AccessToken)).Code);

        Assert.Single(await DataAsync(client, bob, $"/message/chat?with={aliceId}"));
        Assert.Empty(await DataAsync(client, carol, "/message/conversations"));
        Assert.Empty(await DataAsync(client, bob, $"/message/chat?with={carolId}"));
    }

    [Fact]
    public async Task Six_parallel_sends_past_a_limit_of_three_send_three_and_the_other_user_is_not_limited()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["Messages:FloodLimit"] = "3" });
        using var client = server.CreateClient();
        var (alice, bob, aliceId, bobId) = await FriendsAsync(client);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => client.PostApiAsync("/message/send", new { to = bobId, content = $"m{i}" }, alice.AccessToken)));

        Assert.Equal(3, answers.Count(a => a.Code == 0));
        Assert.All(answers.Where(a => a.Code != 0), a => Assert.Equal(4, a.Code));
        Assert.Equal(3, (await DataAsync(client, bob, $"/message/chat?with={aliceId}")).Count);
        Assert.Equal(0, (await client.PostApiAsync("/message/send", new { to = aliceId, content = "mine is my own" }, bob.AccessToken)).Code);
    }

    private static async Task<(LoggedInUser, LoggedInUser, long, long)> FriendsAsync(HttpClient client)
    {
        var ((alice, aliceId), (bob, bobId)) = (await UserAsync(client), await UserAsync(client));
        Assert.Equal(0, (await client.PostApiAsync("/follow/follow", new { followee = bobId }, alice.AccessToken)).Code);
        Assert.Equal(0, (await client.PostApiAsync("/follow/follow", new { followee = aliceId }, bob.AccessToken)).Code);
        return (alice, bob, aliceId, bobId);
    }

    private static async Task<(LoggedInUser, long)> UserAsync(HttpClient client)
    {
        var user = await Accounts.SignupAndLoginAsync(client);
        return (user, await FollowTests.IdOf(client, user));
    }

    private static async Task<long> SendAsync(HttpClient client, LoggedInUser from, long to, string content)
    {
        var answer = await client.PostApiAsync("/message/send", new { to, content }, from.AccessToken);
        Assert.Equal(0, answer.Code);
        return answer.Data.GetInt64();
    }

    private static async Task<List<JsonElement>> DataAsync(HttpClient client, LoggedInUser user, string path)
    {
        var answer = await client.GetApiAsync(path, user.AccessToken);
        Assert.Equal(0, answer.Code);
        return answer.Data.EnumerateArray().ToList();
    }
}
