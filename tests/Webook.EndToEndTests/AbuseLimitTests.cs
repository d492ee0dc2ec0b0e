using System.Net;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>SMS pumping and password guessing, as an attacker would try them, against servers with small limits.</summary>
public sealed class AbuseLimitTests
{
    private const string SendingTooOften = "Sending too often; please try again later.";
    private const string TooManyFailures = "Too many failed logins; please try again later.";
    private const string WrongCredentials = "Wrong email or password.";

    private static Task<RunningServer> StartAsync(params (string Key, string Value)[] settings) =>
        RunningServer.StartAsync(settings.ToDictionary(s => s.Key, s => (string?)s.Value));

    [Fact]
    public async Task One_client_sending_codes_to_many_phones_in_parallel_gets_exactly_its_limit()
    {
        await using var server = await StartAsync(("Sms:SendLimits:PerClientLimit", "10"));
        var client = server.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => SmsLogin.SendCodeAsync(client, SmsLogin.NewPhone())));

        Assert.Equal(10, answers.Count(a => a.Code == 0));
        Assert.All(answers.Where(a => a.Code != 0), a => Assert.Equal((4, SendingTooOften), (a.Code, a.Msg)));
    }

    [Fact]
    public async Task Behind_a_proxy_each_forwarded_client_has_its_own_limit_and_all_share_the_global_budget()
    {
        await using var server = await StartAsync(
            ("Http:ForwardedForHeader", "X-Forwarded-For"),
            ("Sms:SendLimits:PerClientLimit", "2"),
            ("Sms:SendLimits:GlobalLimit", "4"));

        async Task<ApiResponse> SendAsync(string forwardedFor)
        {
            var client = server.CreateClient();
            // The left entry is the client's own claim; the proxy appended the address it saw.
            client.DefaultRequestHeaders.Add("X-Forwarded-For", "10.9.9.9, " + forwardedFor);
            return await SmsLogin.SendCodeAsync(client, SmsLogin.NewPhone());
        }

        var first = new List<int>();
        for (var i = 0; i < 3; i++) first.Add((await SendAsync("203.0.113.1")).Code);
        var second = new List<int>();
        for (var i = 0; i < 2; i++) second.Add((await SendAsync("203.0.113.2")).Code);

        Assert.Equal([0, 0, 4], first);
        Assert.Equal([0, 0], second);
        var overBudget = await SendAsync("203.0.113.3");
        Assert.Equal((4, SendingTooOften), (overBudget.Code, overBudget.Msg));
    }

    [Fact]
    public async Task A_code_refused_by_the_global_budget_does_not_hold_the_phone_for_a_minute()
    {
        await using var server = await StartAsync(
            ("Sms:SendLimits:GlobalLimit", "1"), ("Sms:SendLimits:GlobalWindow", "00:00:02"), ("Sms:Codes:ResendInterval", "00:01:00"));
        var client = server.CreateClient();
        Assert.Equal(0, (await SmsLogin.SendCodeAsync(client, SmsLogin.NewPhone())).Code);
        var phone = SmsLogin.NewPhone();
        Assert.Equal(SendingTooOften, (await SmsLogin.SendCodeAsync(client, phone)).Msg);

        // Once the budget has room again the same phone gets a code, not "wait a minute".
        var answer = await SmsLogin.SendCodeAsync(client, phone);
        for (var i = 0; i < 100 && answer.Msg == SendingTooOften; i++)
        {
            await Task.Delay(250);
            answer = await SmsLogin.SendCodeAsync(client, phone);
        }

        Assert.Equal(0, answer.Code);
    }

    [Theory]
    [InlineData("13800138000\n")]
    [InlineData("13800138000\r\n")]
    [InlineData("\n13800138000")]
    public async Task A_phone_with_a_newline_is_refused_not_normalised(string phone)
    {
        await using var server = await StartAsync();
        var answer = await SmsLogin.SendCodeAsync(server.CreateClient(), phone);
        Assert.Equal(4, answer.Code);
        Assert.StartsWith("Phone must be", answer.Msg);
    }

    [Fact]
    public async Task After_the_limit_of_wrong_passwords_even_the_right_one_is_refused_the_same_way_for_unknown_emails()
    {
        // The per (email, client) limit: every request of this test comes from one address.
        await using var server = await StartAsync(("Accounts:LoginLimits:PerAccountClientLimit", "5"), ("Accounts:LoginLimits:DelayAfter", "1000"));
        var client = server.CreateClient();
        var user = await Accounts.SignupAndLoginAsync(client);
        var unknown = Accounts.NewEmail();

        foreach (var email in new[] { user.Email, unknown })
        {
            for (var i = 0; i < 5; i++)
                Assert.Equal(WrongCredentials, (await Accounts.LoginAsync(client, email, "wrong#pass1")).Msg);
            Assert.Equal(TooManyFailures, (await Accounts.LoginAsync(client, email, "wrong#pass1")).Msg);
        }
        Assert.Equal(TooManyFailures, (await Accounts.LoginAsync(client, user.Email, user.Password)).Msg);
        Assert.Equal(WrongCredentials, (await Accounts.LoginAsync(client, Accounts.NewEmail(), "wrong#pass1")).Msg);
    }

    [Fact]
    public async Task Parallel_guesses_at_one_account_get_exactly_the_limit_evaluated()
    {
        await using var server = await StartAsync(("Accounts:LoginLimits:PerAccountClientLimit", "5"), ("Accounts:LoginLimits:DelayAfter", "1000"));
        var client = server.CreateClient();
        var user = await Accounts.SignupAndLoginAsync(client);

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Accounts.LoginAsync(client, user.Email, "wrong#pass1")));

        Assert.Equal(5, answers.Count(a => a.Msg == WrongCredentials));
        Assert.Equal(25, answers.Count(a => a.Msg == TooManyFailures));
    }

    [Fact]
    public async Task One_client_guessing_across_many_accounts_is_stopped_by_its_own_limit()
    {
        await using var server = await StartAsync(("Accounts:LoginLimits:PerClientLimit", "8"));
        var client = server.CreateClient();

        var answers = new List<string>();
        for (var i = 0; i < 10; i++) answers.Add((await Accounts.LoginAsync(client, Accounts.NewEmail(), "wrong#pass1")).Msg);

        Assert.Equal(Enumerable.Repeat(WrongCredentials, 8).Concat(Enumerable.Repeat(TooManyFailures, 2)), answers);
    }

    [Fact]
    public async Task A_successful_login_does_not_count_as_a_failure()
    {
        await using var server = await StartAsync(("Accounts:LoginLimits:PerAccountLimit", "2"), ("Accounts:LoginLimits:PerAccountClientLimit", "2"));
        var client = server.CreateClient();
        var user = await Accounts.SignupAndLoginAsync(client);

        for (var i = 0; i < 5; i++) Assert.Equal(0, (await Accounts.LoginAsync(client, user.Email, user.Password)).Code);
        Assert.Equal(WrongCredentials, (await Accounts.LoginAsync(client, user.Email, "wrong#pass1")).Msg);
    }

    /// <summary>A client that reaches the server through the proxy from <paramref name="address"/>.</summary>
    private static HttpClient From(RunningServer server, string address)
    {
        var client = server.CreateClient();
        // The left entry is the client's own claim; the proxy appended the address it saw.
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "10.9.9.9, " + address);
        return client;
    }

    private static Task<RunningServer> StartBehindProxyAsync(params (string Key, string Value)[] settings) =>
        StartAsync([("Http:ForwardedForHeader", "X-Forwarded-For"), .. settings]);

    [Fact]
    public async Task An_attackers_burst_is_cut_off_for_its_address_and_the_owner_logs_in_from_another_right_after()
    {
        await using var server = await StartBehindProxyAsync(
            ("Accounts:LoginLimits:PerAccountClientLimit", "5"), ("Accounts:LoginLimits:DelayAfter", "1000"));
        var user = await Accounts.SignupAndLoginAsync(From(server, "198.51.100.7"));
        var attacker = From(server, "203.0.113.66");

        var burst = new List<string>();
        for (var i = 0; i < 8; i++) burst.Add((await Accounts.LoginAsync(attacker, user.Email, "wrong#pass1")).Msg);

        Assert.Equal(Enumerable.Repeat(WrongCredentials, 5).Concat(Enumerable.Repeat(TooManyFailures, 3)), burst);
        Assert.Equal(TooManyFailures, (await Accounts.LoginAsync(attacker, user.Email, user.Password)).Msg);
        var owner = await Accounts.LoginAsync(From(server, "198.51.100.7"), user.Email, user.Password);
        Assert.Equal(0, owner.Code);
        Assert.False(string.IsNullOrEmpty(owner.Header("x-jwt-token")));
        // Another address is judged on its own failures: its guesses are still evaluated.
        Assert.Equal(WrongCredentials, (await Accounts.LoginAsync(From(server, "203.0.113.67"), user.Email, "wrong#pass1")).Msg);
    }

    [Fact]
    public async Task Past_the_delay_threshold_an_address_that_failed_waits_and_one_that_did_not_gets_its_try()
    {
        // A first delay of an hour: the test never waits one out, so no timing decides it (the growth: LoginThrottleTests).
        await using var server = await StartBehindProxyAsync(
            ("Accounts:LoginLimits:DelayAfter", "3"), ("Accounts:LoginLimits:FirstDelay", "01:00:00"), ("Accounts:LoginLimits:MaxDelay", "01:00:00"));
        var user = await Accounts.SignupAndLoginAsync(From(server, "198.51.100.7"));
        var first = From(server, "203.0.113.1");
        var second = From(server, "203.0.113.2");

        for (var i = 0; i < 3; i++) Assert.Equal(WrongCredentials, (await Accounts.LoginAsync(first, user.Email, "wrong#pass1")).Msg);

        // Refused before the password is checked: even the right one waits.
        Assert.Equal(TooManyFailures, (await Accounts.LoginAsync(first, user.Email, user.Password)).Msg);
        Assert.Equal(WrongCredentials, (await Accounts.LoginAsync(second, user.Email, "wrong#pass1")).Msg);
        Assert.Equal(TooManyFailures, (await Accounts.LoginAsync(second, user.Email, "wrong#pass1")).Msg);
        Assert.Equal(0, (await Accounts.LoginAsync(From(server, "198.51.100.7"), user.Email, user.Password)).Code);
    }

    [Fact]
    public async Task Many_addresses_together_stop_at_the_accounts_ceiling_which_leaves_other_emails_and_sms_login_alone()
    {
        await using var server = await StartBehindProxyAsync(
            ("Accounts:LoginLimits:PerAccountClientLimit", "3"), ("Accounts:LoginLimits:PerAccountLimit", "6"), ("Accounts:LoginLimits:DelayAfter", "1000"));
        var home = From(server, "198.51.100.7");
        var user = await Accounts.SignupAndLoginAsync(home);
        var neighbour = await Accounts.SignupAndLoginAsync(home);

        var guesses = await Task.WhenAll(
            from address in Enumerable.Range(1, 10)
            let attacker = From(server, "203.0.113." + address)
            from guess in Enumerable.Range(0, 3)
            select Accounts.LoginAsync(attacker, user.Email, "wrong#pass1"));

        Assert.Equal(6, guesses.Count(a => a.Msg == WrongCredentials));
        Assert.Equal(24, guesses.Count(a => a.Msg == TooManyFailures));
        // At the ceiling the email refuses its owner too (docs/security.md): the price of bounding guessing over all clients.
        Assert.Equal(TooManyFailures, (await Accounts.LoginAsync(home, user.Email, user.Password)).Msg);
        Assert.Equal(0, (await Accounts.LoginAsync(home, neighbour.Email, neighbour.Password)).Code);
        // SMS login is keyed by phone, not by email: it works from the owner's address and from an attacker's.
        foreach (var client in new[] { home, From(server, "203.0.113.1") })
        {
            var phone = SmsLogin.NewPhone();
            Assert.Equal(0, (await SmsLogin.SendCodeAsync(client, phone)).Code);
            var login = await SmsLogin.LoginAsync(client, phone, await SmsLogin.ReadCodeAsync(server, phone));
            Assert.Equal(0, login.Code);
            Assert.False(string.IsNullOrEmpty(login.Header("x-jwt-token")));
        }
    }
}
