namespace Webook.Core.Sms;

public sealed class SmsCodeOptions
{
    public const string Section = "Sms:Codes";

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>At most one code is sent per phone and purpose within this interval.</summary>
    public TimeSpan ResendInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Verification attempts per code; after them the code is dead.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The text sent; {0} is the code.</summary>
    public string MessageTemplate { get; set; } = "Your webook code is {0}. It expires in 10 minutes.";
}
