using System.Globalization;

namespace Webook.Core.Sms;

public sealed class SmsCodeOptions
{
    public const string Section = "Sms:Codes";

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>At most one code is sent per phone and purpose within this interval.</summary>
    public TimeSpan ResendInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Verification attempts per code; after them the code is dead.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// The text sent: {0} is the code, {1} the <see cref="Lifetime"/> in minutes (10, or 1.5 for 00:01:30), so the text
    /// cannot promise another lifetime than the one configured.
    /// </summary>
    public string MessageTemplate { get; set; } = "Your webook code is {0}. It expires in {1} minutes.";

    /// <summary>The text of one code: <see cref="MessageTemplate"/> with the code and the lifetime in minutes.</summary>
    public string MessageFor(string code) =>
        string.Format(CultureInfo.InvariantCulture, MessageTemplate, code, Lifetime.TotalMinutes);
}
