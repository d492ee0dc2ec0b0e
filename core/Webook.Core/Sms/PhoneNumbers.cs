using System.Text.RegularExpressions;

namespace Webook.Core.Sms;

/// <summary>Mainland-China mobile numbers, as api.md allows them: 1[3-9] and 9 digits, optionally +86 first.</summary>
public static partial class PhoneNumbers
{
    // \z, not $: a number with a trailing newline is refused, not trimmed.
    [GeneratedRegex(@"^(?:\+86)?(1[3-9][0-9]{9})\z")]
    private static partial Regex Pattern();

    /// <summary>The number in E.164 (+86 and 11 digits), or null when it is not a valid mobile number.</summary>
    public static string? Normalize(string? phone)
    {
        var match = phone is null ? null : Pattern().Match(phone);
        return match is { Success: true } ? "+86" + match.Groups[1].Value : null;
    }

    public const string Rule = "Phone must be a mainland-China mobile number (11 digits starting 13-19, optionally +86).";
}
