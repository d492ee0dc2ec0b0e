using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Webook.Core.Sms;

public sealed class SmsCodeOptions : IValidatableObject
{
    public const string Section = "Sms:Codes";

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>At most one code is sent per phone and purpose within this interval.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ResendInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Verification attempts per code; after them the code is dead.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>
    /// The text sent: {0} is the code, {1} the <see cref="Lifetime"/> in minutes (10, or 1.5 for 00:01:30), so the text
    /// cannot promise another lifetime than the one configured.
    /// </summary>
    [Required]
    public string MessageTemplate { get; set; } = "Your webook code is {0}. It expires in {1} minutes.";

    /// <summary>The text of one code: <see cref="MessageTemplate"/> with the code and the lifetime in minutes.</summary>
    public string MessageFor(string code) =>
        string.Format(CultureInfo.InvariantCulture, MessageTemplate, code, Lifetime.TotalMinutes);

    /// <summary>A template that cannot be formatted ({2}, a lone brace) or leaves out the code would fail or be useless at every send.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        const string probe = "\u0001code\u0001";
        string text;
        try
        {
            text = MessageFor(probe);
        }
        catch (FormatException)
        {
            text = "";
        }
        if (!text.Contains(probe, StringComparison.Ordinal))
            return [new ValidationResult("The MessageTemplate field must contain {0}, the code, and may use only {0} and {1}.", [nameof(MessageTemplate)])];
        return [];
    }
}
