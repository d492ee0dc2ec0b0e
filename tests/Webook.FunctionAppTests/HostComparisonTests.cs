using Webook.Fakes;
using Webook.TestSupport;
using Webook.Core.Accounts;
using Webook.Core.Articles;
using Webook.Core.Follows;
using Webook.Core.Ranking;
using Webook.Core.Sms;
using Webook.Core.Articles.Storage;
using Webook.Core;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Http;
using Webook.Core.Payments;
using Webook.Core.Rewards;
using static Webook.FunctionAppTests.Requests;

namespace Webook.FunctionAppTests;

/// <summary>
/// The Function App's functions, run in its real worker host in process, answer every request as Webook.Server does
/// over HTTP: status, envelope and headers, step by step through the product's flows and the mistakes a client makes.
/// </summary>
public sealed class HostComparisonTests(BothHosts hosts) : IClassFixture<BothHosts>
{
    private const string Origin = "http://localhost:3000";
    private const string Password = "hello#world1";

    [Fact]
    public void Every_function_class_is_activated_from_the_hosts_container()
    {
        using var scope = hosts.Functions.Services.CreateScope();

        Assert.NotEmpty(hosts.Functions.FunctionClasses);
        foreach (var type in hosts.Functions.FunctionClasses)
            Assert.IsType(type, hosts.Functions.Activate(type, scope.ServiceProvider));
    }

    [Fact]
    public void Every_route_and_the_catch_all_are_http_functions_of_the_app()
    {
        Assert.Equal(ApiRoutes.All.Select(r => r.Name).Append(NoRouteHandler.FunctionName).Order(StringComparer.Ordinal),
            hosts.Functions.HttpFunctionNames.Order(StringComparer.Ordinal));
    }

    public static TheoryData<string> Routes() => new(ApiRoutes.All.Select(r => r.Name));

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_route_answers_a_clients_mistakes_as_webook_server_does(string name)
    {
        var route = ApiRoutes.Named(name);
        var path = "/" + route.Template.Replace("{id}", "1", StringComparison.Ordinal);
        var takesBody = route.Body is not null;

        if (route.Auth is RouteAuth.Access or RouteAuth.Refresh)
        {
            await hosts.SameAsync($"{name} without a token", _ => Raw(route.Method, path, takesBody ? "application/json" : null, takesBody ? "{}" : null));
            await hosts.SameAsync($"{name} with a forged token", _ => Raw(route.Method, path, null, null, bearer: "not.a.token"));
        }
        else
        {
            await hosts.SameAsync($"{name} as anyone", _ => Raw(route.Method, path, takesBody ? "application/json" : null, takesBody ? "{}" : null));
        }
        if (takesBody && route.Auth == RouteAuth.None)
        {
            await hosts.SameAsync($"{name} with a body that is not JSON", _ => Raw(route.Method, path, "application/json", "{\"email\":"));
            await hosts.SameAsync($"{name} with a form instead of JSON", _ => Raw(route.Method, path, "application/x-www-form-urlencoded", "email=a"));
            await hosts.SameAsync($"{name} with a JSON array", _ => Raw(route.Method, path, "application/json", "[1,2]"));
        }
        var other = route.Method == "GET" ? "DELETE" : "GET";
        await hosts.SameAsync($"{name} with {other}", _ => Raw(other, path, null, null));
        await hosts.SameAsync($"{name} preflight", _ => Raw("OPTIONS", path, null, null, null, ("Origin", Origin), ("Access-Control-Request-Method", route.Method)));
    }

    [Fact]
    public async Task Unknown_paths_wrong_methods_and_cors_answer_the_same()
    {
        await hosts.SameAsync("an unknown path", _ => Get("/no/such/path"));
        await hosts.SameAsync("an unknown POST", _ => Post("/users/nothing", new { }));
        await hosts.SameAsync("GET of a POST route", _ => Get("/" + AccountRoutes.Signup));
        await hosts.SameAsync("PUT of a GET route with a parameter", _ => Raw("PUT", "/articles/pub/12", null, null));
        await hosts.SameAsync("DELETE of a path two routes share", _ => Raw("DELETE", "/articles/pub/like", null, null));
        await hosts.SameAsync("GET of a literal that a parameter also takes", _ => Get("/articles/pub/like"));
        await hosts.SameAsync("HEAD of a GET route", _ => Raw("HEAD", "/" + HotListRoutes.HotList, null, null));
        await hosts.SameAsync("OPTIONS that is no preflight", _ => Raw("OPTIONS", "/" + AccountRoutes.Signup, null, null));
        await hosts.SameAsync("a preflight from the allowed origin", _ =>
            Raw("OPTIONS", "/" + AccountRoutes.Login, null, null, null, ("Origin", Origin), ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "content-type,authorization")));
        await hosts.SameAsync("a preflight from another origin", _ =>
            Raw("OPTIONS", "/" + AccountRoutes.Login, null, null, null, ("Origin", "https://evil.example"), ("Access-Control-Request-Method", "POST")));
        await hosts.SameAsync("a preflight of an unknown path", _ =>
            Raw("OPTIONS", "/no/such/path", null, null, null, ("Origin", Origin), ("Access-Control-Request-Method", "GET")));
        await hosts.SameAsync("a cross-origin 404", _ => Get("/no/such/path", null, ("Origin", Origin)));
    }

    [Fact]
    public async Task Accounts_answer_the_same_from_signup_to_logout()
    {
        var email = $"cmp{Guid.NewGuid():N}@example.com";
        var credentials = new { email, password = Password };

        await hosts.SameAsync("signup", _ => Post("/users/signup", new { email, password = Password, confirmPassword = Password }, null, ("Origin", Origin)));
        await hosts.SameAsync("signup again", _ => Post("/users/signup", new { email, password = Password, confirmPassword = Password }));
        await hosts.SameAsync("signup with a weak password", _ => Post("/users/signup", new { email = "x" + email, password = "short", confirmPassword = "short" }));
        await hosts.SameAsync("signup with a wrong type", _ => Raw("POST", "/users/signup", "application/json", "{\"email\":42}"));
        await hosts.SameAsync("login with a wrong password", _ => Post("/users/login", new { email, password = "wrong#pass1" }));
        var (server, functions) = await hosts.SameAsync("login", _ => Post("/users/login", credentials, null, ("Origin", Origin)));
        Remember(server, functions);

        await hosts.SameAsync("profile", side => Get("/users/profile", side.Values["access"]));
        await hosts.SameAsync("profile from another user agent", side => Raw("GET", "/users/profile", null, null, side.Values["access"])
            with { Headers = [new("User-Agent", "other/1.0"), new("Authorization", "Bearer " + side.Values["access"])] });
        await hosts.SameAsync("profile with the refresh token", side => Get("/users/profile", side.Values["refresh"]));
        await hosts.SameAsync("edit profile", side => Post("/users/edit", new { nickname = "Ada", birthday = "1990-12-10", aboutMe = "hi" }, side.Values["access"]));
        await hosts.SameAsync("edit profile with a future birthday", side => Post("/users/edit", new { nickname = "Ada", birthday = "2990-12-10", aboutMe = "" }, side.Values["access"]));
        await hosts.SameAsync("edit profile with a body that is not JSON", side => Raw("POST", "/users/edit", "application/json", "{", side.Values["access"]));
        await hosts.SameAsync("edit profile as text", side => Raw("POST", "/users/edit", "text/plain", "hi", side.Values["access"]));
        await hosts.SameAsync("profile after the edit", side => Get("/users/profile", side.Values["access"]));

        (server, functions) = await hosts.SameAsync("refresh", side => Raw("POST", "/users/refresh_token", null, null, side.Values["refresh"]));
        var used = (hosts.ServerSide.Values["refresh"], hosts.FunctionSide.Values["refresh"]);
        Remember(server, functions);
        await hosts.SameAsync("refresh with the used refresh token", side => Raw("POST", "/users/refresh_token", null, null,
            side == hosts.ServerSide ? used.Item1 : used.Item2));
        await hosts.SameAsync("the new access token after the reuse", side => Get("/users/profile", side.Values["access"]));
    }

    [Fact]
    public async Task Sms_login_answers_the_same()
    {
        var phone = "139" + Random.Shared.NextInt64(10_000_000, 99_999_999);

        await hosts.SameAsync("send a code", _ => Post("/users/login_sms/code/send", new { phone }));
        await hosts.SameAsync("send again at once", _ => Post("/users/login_sms/code/send", new { phone }));
        await hosts.SameAsync("send to a number that is not a mobile", _ => Post("/users/login_sms/code/send", new { phone = "12345" }));
        await hosts.SameAsync("verify a wrong code", _ => Post("/users/login_sms", new { phone, code = "12345x" }));
        var codes = (await BothHosts.CodeSentAsync(hosts.ServerSide, phone), await BothHosts.CodeSentAsync(hosts.FunctionSide, phone));
        var wrong = (Other(codes.Item1), Other(codes.Item2));
        await hosts.SameAsync("verify another code", side => Post("/users/login_sms", new { phone, code = side == hosts.ServerSide ? wrong.Item1 : wrong.Item2 }));
        var (server, functions) = await hosts.SameAsync("verify the code",
            side => Post("/users/login_sms", new { phone, code = side == hosts.ServerSide ? codes.Item1 : codes.Item2 }));
        Remember(server, functions);
        await hosts.SameAsync("the code a second time", side => Post("/users/login_sms", new { phone, code = side == hosts.ServerSide ? codes.Item1 : codes.Item2 }));
        await hosts.SameAsync("profile of the phone's user", side => Get("/users/profile", side.Values["access"]));
        await hosts.RunJobAsync(SmsRoutes.Names.SmsRetry);
        await hosts.SameAsync("logout", side => Raw("POST", "/users/logout", null, null, side.Values["access"]));
        await hosts.SameAsync("profile after logout", side => Get("/users/profile", side.Values["access"]));
    }

    [Fact]
    public async Task Articles_likes_collects_and_the_hot_list_answer_the_same()
    {
        var email = $"author{Guid.NewGuid():N}@example.com";
        await hosts.SameAsync("signup", _ => Post("/users/signup", new { email, password = Password, confirmPassword = Password }));
        var (server, functions) = await hosts.SameAsync("login", _ => Post("/users/login", new { email, password = Password }));
        Remember(server, functions);

        (server, functions) = await hosts.SameAsync("save a draft", side => Post("/articles/edit", new { title = "Draft", content = "<p>first</p>" }, side.Values["access"]));
        RememberId("draft", server, functions);
        await hosts.SameAsync("the draft", side => Get($"/articles/detail/{side.Values["draft"]}", side.Values["access"]));
        await hosts.SameAsync("a draft that does not exist", side => Get("/articles/detail/123", side.Values["access"]));
        await hosts.SameAsync("a draft id that is not a number", side => Get("/articles/detail/abc", side.Values["access"]));
        await hosts.SameAsync("save with an empty title", side => Post("/articles/edit", new { title = "", content = "x" }, side.Values["access"]));
        (server, functions) = await hosts.SameAsync("publish", side =>
            Post("/articles/publish", new { title = "Hello", content = "<h1>Hello</h1><p>world</p><script>x()</script>" }, side.Values["access"]));
        RememberId("article", server, functions);
        await hosts.SameAsync("publish the draft", side => Post("/articles/publish", new { id = long.Parse(side.Values["draft"]), title = "Draft", content = "<p>second</p>" }, side.Values["access"]));
        await hosts.SameAsync("the list", side => Post("/articles/list", new { offset = 0, limit = 10 }, side.Values["access"]));
        await hosts.SameAsync("the list with a limit too large", side => Post("/articles/list", new { offset = 0, limit = 1000 }, side.Values["access"]));

        await hosts.SameAsync("read it anonymously", side => Get($"/articles/pub/{side.Values["article"]}"));
        await hosts.SameAsync("read it with a token", side => Get($"/articles/pub/{side.Values["article"]}", side.Values["access"]));
        await hosts.SameAsync("read it with a forged token", side => Get($"/articles/pub/{side.Values["article"]}", "forged"));
        await hosts.SameAsync("read an article that does not exist", _ => Get("/articles/pub/123"));
        await hosts.SameAsync("like", side => Post("/articles/pub/like", new { id = long.Parse(side.Values["article"]), like = true }, side.Values["access"]));
        await hosts.SameAsync("like again", side => Post("/articles/pub/like", new { id = long.Parse(side.Values["article"]), like = true }, side.Values["access"]));
        await hosts.SameAsync("like an article that does not exist", side => Post("/articles/pub/like", new { id = 123, like = true }, side.Values["access"]));
        await hosts.SameAsync("collect", side => Post("/articles/pub/collect", new { id = long.Parse(side.Values["article"]), cid = 0 }, side.Values["access"]));
        await hosts.SameAsync("read it after like and collect", side => Get($"/articles/pub/{side.Values["article"]}", side.Values["access"]));

        await hosts.RunJobAsync(HotListRoutes.Names.HotListJob);
        var hot = await hosts.SameAsync("the hot list", _ => Get("/articles/hot"));
        Assert.Contains(BothHosts.Data(hot.Functions).EnumerateArray(), a => a.GetProperty("id").GetInt64().ToString() == hosts.FunctionSide.Values["article"]);

        await hosts.RunJobAsync(ArticleRoutes.Names.ArticleBlobSweep);
        await hosts.SameAsync("read it after the sweep", side => Get($"/articles/pub/{side.Values["article"]}"));
        (server, functions) = await hosts.SameAsync("comment", side => Post("/articles/pub/comment", new { id = long.Parse(side.Values["article"]), content = "nice <b>one</b>" }, side.Values["access"]));
        RememberId("comment", server, functions);
        await hosts.SameAsync("reply", side => Post("/articles/pub/comment",
            new { id = long.Parse(side.Values["article"]), content = "thanks", parent_id = long.Parse(side.Values["comment"]) }, side.Values["access"]));
        await hosts.SameAsync("comment too long", side => Post("/articles/pub/comment", new { id = long.Parse(side.Values["article"]), content = new string('x', 1001) }, side.Values["access"]));
        await hosts.SameAsync("the comments", side => Get($"/articles/pub/comment?id={side.Values["article"]}&limit=10"));
        await hosts.SameAsync("the replies", side => Get($"/articles/pub/comment/{side.Values["comment"]}/replies?limit=10"));
        await hosts.SameAsync("the comment count", side => Get($"/articles/pub/comment_cnt?id={side.Values["article"]}"));
        await hosts.SameAsync("delete the comment", side => Raw("DELETE", $"/articles/pub/comment/{side.Values["comment"]}", null, null, side.Values["access"]));
        await hosts.SameAsync("the count after the delete", side => Get($"/articles/pub/comment_cnt?id={side.Values["article"]}"));
        await hosts.SameAsync("the liked list", side => Get("/articles/pub/liked?offset=0&limit=10", side.Values["access"]));
        (server, functions) = await hosts.SameAsync("create a collection", side => Post("/collection/save", new { name = "Shelf", description = "later" }, side.Values["access"]));
        RememberId("shelf", server, functions);
        await hosts.SameAsync("a collection name too long", side => Post("/collection/save", new { name = new string('n', 51) }, side.Values["access"]));
        await hosts.SameAsync("collect into it", side => Post("/articles/pub/collect",
            new { id = long.Parse(side.Values["article"]), cid = long.Parse(side.Values["shelf"]) }, side.Values["access"]));
        await hosts.SameAsync("collect into a collection that is not the caller's", side => Post("/articles/pub/collect",
            new { id = long.Parse(side.Values["article"]), cid = 424242 }, side.Values["access"]));
        await hosts.SameAsync("the collections", side => Get("/collection/list", side.Values["access"]));
        await hosts.SameAsync("move to the default", side => Post("/collection/move",
            new { id = long.Parse(side.Values["article"]), from = long.Parse(side.Values["shelf"]), to = 0 }, side.Values["access"]));
        await hosts.SameAsync("the default collection's articles", side => Get("/articles/pub/collected?cid=0&offset=0&limit=10", side.Values["access"]));
        await hosts.SameAsync("delete the collection", side => Post("/collection/delete", new { id = long.Parse(side.Values["shelf"]) }, side.Values["access"]));
        await hosts.SameAsync("delete the default", side => Post("/collection/delete", new { id = 0 }, side.Values["access"]));
        await hosts.SameAsync("withdraw", side => Post("/articles/withdraw", new { id = long.Parse(side.Values["article"]) }, side.Values["access"]));
        await hosts.SameAsync("the liked list after withdrawing", side => Get("/articles/pub/liked?offset=0&limit=10", side.Values["access"]));
        await hosts.SameAsync("read it after withdrawing", side => Get($"/articles/pub/{side.Values["article"]}"));
        await hosts.SameAsync("health", _ => Get("/healthz"));
    }

    [Fact]
    public async Task Follows_answer_the_same()
    {
        foreach (var who in new[] { "a", "b" })
        {
            var email = $"f{who}{Guid.NewGuid():N}@example.com";
            await hosts.SameAsync($"signup {who}", _ => Post("/users/signup", new { email, password = Password, confirmPassword = Password }));
            var (server, functions) = await hosts.SameAsync($"login {who}", _ => Post("/users/login", new { email, password = Password }));
            Remember(server, functions);
            foreach (var side in new[] { hosts.ServerSide, hosts.FunctionSide })
            {
                side.Values[who + "-access"] = side.Values["access"];
                side.Values[who] = BothHosts.Data(await side.SendAsync(Get("/users/profile", side.Values["access"]))).GetProperty("id").GetInt64().ToString();
            }
        }
        long Id(HostSide side, string who) => long.Parse(side.Values[who]);

        await hosts.SameAsync("follow", side => Post("/follow/follow", new { followee = Id(side, "b") }, side.Values["a-access"]));
        await hosts.SameAsync("follow again", side => Post("/follow/follow", new { followee = Id(side, "b") }, side.Values["a-access"]));
        await hosts.SameAsync("follow yourself", side => Post("/follow/follow", new { followee = Id(side, "a") }, side.Values["a-access"]));
        await hosts.SameAsync("follow nobody", side => Post("/follow/follow", new { followee = 123 }, side.Values["a-access"]));
        await hosts.SameAsync("follow with a wrong type", side => Raw("POST", "/follow/follow", "application/json", "{\"followee\":\"x\"}", side.Values["a-access"]));
        await hosts.SameAsync("whom a follows", side => Get($"/follow/followee?follower={Id(side, "a")}&offset=0&limit=10"));
        await hosts.SameAsync("who follows b", side => Get($"/follow/follower?followee={Id(side, "b")}&offset=0&limit=10", side.Values["a-access"]));
        await hosts.SameAsync("a list without a limit", side => Get($"/follow/follower?followee={Id(side, "b")}&offset=0"));
        await hosts.SameAsync("b's counts for a", side => Get($"/follow/static?followee={Id(side, "b")}", side.Values["a-access"]));
        await hosts.SameAsync("b's counts for anyone", side => Get($"/follow/static?followee={Id(side, "b")}"));
        await hosts.SameAsync("check", side => Get($"/follow/check?followee={Id(side, "b")}", side.Values["a-access"]));
        await hosts.SameAsync("follow back", side => Post("/follow/follow", new { followee = Id(side, "a") }, side.Values["b-access"]));
        await hosts.SameAsync("friends", side => Get("/follow/friends?offset=0&limit=10", side.Values["a-access"]));
        await hosts.RunJobAsync(FollowRoutes.Names.Repair);
        await hosts.SameAsync("the feed", side => Get("/feed?limit=10", side.Values["a-access"]));
        await hosts.SameAsync("the feed without a limit", side => Get("/feed", side.Values["a-access"]));
        await hosts.SameAsync("the feed for no one", side => Get("/feed?limit=10"));
        await hosts.SameAsync("the latest", side => Get("/articles/pub/latest?limit=10&timestamp=1"));
        await hosts.SameAsync("the latest with a bad time", side => Get("/articles/pub/latest?limit=10&timestamp=x"));
        await hosts.SameAsync("message a friend", side => Post("/message/send", new { to = Id(side, "b"), content = "hi <b>b</b>" }, side.Values["a-access"]));
        await hosts.SameAsync("message yourself", side => Post("/message/send", new { to = Id(side, "a"), content = "me" }, side.Values["a-access"]));
        await hosts.SameAsync("message too long", side => Post("/message/send", new { to = Id(side, "b"), content = new string('x', 1001) }, side.Values["a-access"]));
        await hosts.SameAsync("conversations", side => Get("/message/conversations", side.Values["b-access"]));
        await hosts.SameAsync("the chat", side => Get($"/message/chat?with={Id(side, "a")}", side.Values["b-access"]));
        await hosts.SameAsync("the chat with a bad time", side => Get($"/message/chat?with={Id(side, "a")}&after=x", side.Values["b-access"]));
        await hosts.SameAsync("notifications", side => Get("/notifications?limit=10", side.Values["b-access"]));
        await hosts.SameAsync("notifications without a limit", side => Get("/notifications", side.Values["b-access"]));
        await hosts.SameAsync("unread notifications", side => Get("/notifications/unread_cnt", side.Values["b-access"]));
        await hosts.SameAsync("read them all", side => Post("/notifications/read", new { }, side.Values["b-access"]));
        await hosts.SameAsync("read up to a bad id", side => Post("/notifications/read", new { upto = -1 }, side.Values["b-access"]));
        await hosts.SameAsync("cancel", side => Post("/follow/cancel", new { followee = Id(side, "b") }, side.Values["a-access"]));
        await hosts.SameAsync("cancel again", side => Post("/follow/cancel", new { followee = Id(side, "b") }, side.Values["a-access"]));
        await hosts.SameAsync("check after cancel", side => Get($"/follow/check?followee={Id(side, "b")}", side.Values["a-access"]));
    }

    [Fact]
    public async Task WeChat_login_answers_the_same()
    {
        var (openId, unionId) = ("o-" + Guid.NewGuid().ToString("N"), "u-" + Guid.NewGuid().ToString("N"));
        var (server, functions) = await hosts.SameAsync("the wechat auth url", _ => Get("/oauth2/wechat/authurl"));
        foreach (var (side, answer) in new[] { (hosts.ServerSide, server), (hosts.FunctionSide, functions) })
        {
            side.Values["wechat-cookie"] = answer.Headers["Set-Cookie"].Split(';')[0];
            side.Values["wechat-state"] = BothHosts.Data(answer).GetString()!.Split("state=")[1].Split('#')[0];
            side.Values["wechat-code"] = SharedFakeWeChat.Fake.Issue(new IssuedCode(openId, unionId));
        }
        Request Callback(HostSide side, bool withCookie = true) => Raw("GET", $"/oauth2/wechat/callback?code={side.Values["wechat-code"]}&state={side.Values["wechat-state"]}",
            null, null, null, withCookie ? [("Cookie", side.Values["wechat-cookie"])] : []);

        await hosts.SameAsync("the callback without its cookie", side => Callback(side, withCookie: false));
        await hosts.SameAsync("the callback with another state", side => Raw("GET", $"/oauth2/wechat/callback?code=x&state=other", null, null, null,
            ("Cookie", side.Values["wechat-cookie"])));
        (server, functions) = await hosts.SameAsync("the callback", side => Callback(side));
        Remember(server, functions);
        await hosts.SameAsync("the profile of a wechat user", side => Get("/users/profile", side.Values["access"]));
        await hosts.SameAsync("the callback with its code used", side => Callback(side));
    }

    [Fact]
    public async Task Rewards_the_payment_callback_and_the_wallet_answer_the_same()
    {
        var (author, reader) = ($"author{Guid.NewGuid():N}@example.com", $"reader{Guid.NewGuid():N}@example.com");
        foreach (var (email, name) in new[] { (author, "author"), (reader, "reader") })
        {
            await hosts.SameAsync($"signup the {name}", _ => Post("/users/signup", new { email, password = Password, confirmPassword = Password }));
            var login = await hosts.SameAsync($"login the {name}", _ => Post("/users/login", new { email, password = Password }));
            hosts.ServerSide.Values[name] = login.Server.Headers["x-jwt-token"];
            hosts.FunctionSide.Values[name] = login.Functions.Headers["x-jwt-token"];
        }
        var published = await hosts.SameAsync("publish", side => Post("/articles/publish", new { title = "Tip me", content = "<p>please</p>" }, side.Values["author"]));
        RememberId("article", published.Server, published.Functions);
        Request Reward(HostSide side, long amt, string who = "reader") => Post("/articles/pub/reward", new { id = long.Parse(side.Values["article"]), amt }, side.Values[who]);

        await hosts.SameAsync("a reward of 0", side => Reward(side, 0));
        await hosts.SameAsync("a reward of a fraction", side => Raw("POST", "/articles/pub/reward", "application/json",
            $$"""{"id": {{side.Values["article"]}}, "amt": 1.5}""", side.Values["reader"]));
        await hosts.SameAsync("a reward of one's own article", side => Reward(side, 100, "author"));
        Request Keyed(HostSide side, long amt) => Post("/articles/pub/reward", new { id = long.Parse(side.Values["article"]), amt }, side.Values["reader"],
            ("Idempotency-Key", "tip-1"));
        var (server, functions) = await hosts.SameAsync("a reward", side => Keyed(side, 1000));
        hosts.ServerSide.Values["rid"] = BothHosts.Data(server).GetProperty("rid").GetInt64().ToString();
        hosts.FunctionSide.Values["rid"] = BothHosts.Data(functions).GetProperty("rid").GetInt64().ToString();
        var again = await hosts.SameAsync("the same reward again with its key", side => Keyed(side, 1000));
        Assert.Equal(hosts.FunctionSide.Values["rid"], BothHosts.Data(again.Functions).GetProperty("rid").GetInt64().ToString());
        Assert.Equal(hosts.ServerSide.Values["rid"], BothHosts.Data(again.Server).GetProperty("rid").GetInt64().ToString());
        await hosts.SameAsync("its key with another amount", side => Keyed(side, 999));
        await hosts.SameAsync("its status", side => Post("/reward/detail", new { rid = long.Parse(side.Values["rid"]) }, side.Values["reader"]));
        await hosts.SameAsync("its status asked by another", side => Post("/reward/detail", new { rid = long.Parse(side.Values["rid"]) }, side.Values["author"]));

        Request Callback(HostSide side, bool forged = false)
        {
            var tradeNo = "reward-" + side.Values["rid"];
            SharedFakeWeChatPay.Fake.SetState(tradeNo, "SUCCESS");
            var (headers, body) = SharedFakeWeChatPay.Fake.Callback(tradeNo, "SUCCESS", forged: forged);
            return Raw("POST", "/pay/wechat/notify", "application/json", body, null, [.. headers.Select(h => (h.Key, h.Value))]);
        }
        await hosts.SameAsync("a forged callback", side => Callback(side, forged: true));
        await hosts.SameAsync("the callback", side => Callback(side));
        await hosts.SameAsync("the callback again", side => Callback(side));
        await hosts.RunJobAsync(RewardRoutes.Names.Reconcile);
        await hosts.RunJobAsync(PaymentRoutes.Names.Sync);
        await hosts.SameAsync("its status once settled", side => Post("/reward/detail", new { rid = long.Parse(side.Values["rid"]) }, side.Values["reader"]));
        var wallets = await hosts.SameAsync("the author's wallet", side => Get("/users/wallet?offset=0&limit=10", side.Values["author"]));
        Assert.Equal(900, BothHosts.Data(wallets.Functions).GetProperty("balance").GetInt64());
        await hosts.SameAsync("the wallet without a limit", side => Get("/users/wallet", side.Values["author"]));
    }

    private void Remember(Answer server, Answer functions)
    {
        foreach (var (side, answer) in new[] { (hosts.ServerSide, server), (hosts.FunctionSide, functions) })
        {
            side.Values["access"] = answer.Headers["x-jwt-token"];
            side.Values["refresh"] = answer.Headers["x-refresh-token"];
        }
    }

    private void RememberId(string key, Answer server, Answer functions)
    {
        hosts.ServerSide.Values[key] = BothHosts.Data(server).GetInt64().ToString();
        hosts.FunctionSide.Values[key] = BothHosts.Data(functions).GetInt64().ToString();
    }

    private static string Other(string code) => ((int.Parse(code) + 1) % 1_000_000).ToString("D6");
}
