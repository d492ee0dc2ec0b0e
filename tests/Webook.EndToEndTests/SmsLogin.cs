using System.Text.RegularExpressions;
using Webook.Core.Sms.Providers;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>Steps of the SMS login flow; codes are read from what the logging provider printed.</summary>
public static partial class SmsLogin
{
    public static string NewPhone() => "1" + Random.Shared.Next(3, 10) + Random.Shared.NextInt64(100_000_000, 999_999_999);

    public static Task<ApiResponse> SendCodeAsync(HttpClient client, string phone) =>
        client.PostApiAsync("/users/login_sms/code/send", new { phone });

    public static Task<ApiResponse> LoginAsync(HttpClient client, string phone, string code) =>
        client.PostApiAsync("/users/login_sms", new { phone, code });

    /// <summary>The last code the logging provider printed for the phone, waiting up to 30 s for it to appear.</summary>
    public static async Task<string> ReadCodeAsync(RunningServer server, string phone)
    {
        for (var i = 0; i < 300; i++)
        {
            var code = server.Logs.MessagesOf(typeof(LoggingSmsSender).FullName!)
                .Where(m => m.Contains(phone[^11..], StringComparison.Ordinal))
                .Select(m => CodePattern().Match(m))
                .LastOrDefault(m => m.Success);
            if (code is not null) return code.Groups[1].Value;
            await Task.Delay(100);
        }
        throw new TimeoutException("No code was printed for " + phone);
    }

    [GeneratedRegex(@"code is (\d{6})")]
    private static partial Regex CodePattern();
}
