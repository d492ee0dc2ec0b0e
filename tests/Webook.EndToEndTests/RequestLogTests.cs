using Webook.Core.Http;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>Requests are logged once each, in one place, and nothing secret reaches any log.</summary>
public sealed class RequestLogTests
{
    [Fact]
    public async Task A_request_is_one_entry_naming_route_status_code_user_and_trace()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:" + HandlerGuard.RequestLogCategory] = "Information",
        });
        using var client = server.CreateClient();
        var user = await Accounts.SignupAndLoginAsync(client);
        var before = RequestEntries(server).Count;

        Assert.Equal(0, (await client.GetApiAsync("/users/profile", user.AccessToken)).Code);

        var entry = Assert.Single(RequestEntries(server).Skip(before));
        Assert.Matches(@"^profile GET /users/profile answered 200 code 0 for user \d+ in [\d.]+ ms, trace [0-9a-f]{32}$", entry);
    }

    [Fact]
    public async Task A_full_flow_logs_no_password_code_token_or_key()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Debug",
        });
        using var client = server.CreateClient();
        var user = await Accounts.SignupAndLoginAsync(client);
        var refreshed = await client.PostApiAsync("/users/refresh_token", null, user.RefreshToken);
        Assert.Equal(0, refreshed.Code);
        var article = await Articles.PublishAsync(client, user, "Logged", "<p>flow</p>");
        await InteractionTests.LikeAsync(client, user, article, true);
        await Articles.ReadAsync(client, article, user.AccessToken);
        var phone = SmsLogin.NewPhone();
        Assert.Equal(0, (await SmsLogin.SendCodeAsync(client, phone)).Code);
        var code = await SmsLogin.ReadCodeAsync(server, phone);
        var smsLogin = await SmsLogin.LoginAsync(client, phone, code);
        Assert.Equal(0, smsLogin.Code);
        Assert.Equal(4, (await Accounts.LoginAsync(client, user.Email, "wrong#password1")).Code);

        string[] secrets =
        [
            user.Password, "wrong#password1", user.AccessToken, user.RefreshToken, refreshed.Header("x-jwt-token")!,
            smsLogin.Header("x-jwt-token")!, server.Settings["Auth:AccessTokenKey"]!, server.Settings["Auth:RefreshTokenKey"]!,
        ];
        // No log, ours or the libraries', holds the code: it went to the (fake) ACS and nowhere else.
        var logs = server.Logs.Entries.Select(e => e.Message + " " + e.Exception).ToList();
        Assert.NotEmpty(logs);
        foreach (var secret in secrets) Assert.DoesNotContain(logs, line => line.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, line => line.Contains(code, StringComparison.Ordinal) && line.Contains(phone[^4..], StringComparison.Ordinal));
    }

    private static List<string> RequestEntries(RunningServer server) => server.Logs.MessagesOf(HandlerGuard.RequestLogCategory).ToList();
}
