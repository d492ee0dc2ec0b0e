using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>Steps of the SMS login flow; codes are read from what the fake ACS received.</summary>
public static class SmsLogin
{
    public static string NewPhone() => "1" + Random.Shared.Next(3, 10) + Random.Shared.NextInt64(100_000_000, 999_999_999);

    public static Task<ApiResponse> SendCodeAsync(HttpClient client, string phone) =>
        client.PostApiAsync("/users/login_sms/code/send", new { phone });

    public static Task<ApiResponse> LoginAsync(HttpClient client, string phone, string code) =>
        client.PostApiAsync("/users/login_sms", new { phone, code });

    /// <summary>The code of the last SMS the server sent the phone through the fake ACS, waiting up to 30 s for it.</summary>
    public static Task<string> ReadCodeAsync(RunningServer server, string phone) =>
        FakeAcsSms.Shared.CodeSentAsync(server.Settings["Sms:Acs:From"]!, phone);

    /// <summary>Every SMS the server has sent through the fake ACS.</summary>
    public static IReadOnlyList<AcsRequest> Sent(RunningServer server) => FakeAcsSms.Shared.SentFrom(server.Settings["Sms:Acs:From"]!);
}
