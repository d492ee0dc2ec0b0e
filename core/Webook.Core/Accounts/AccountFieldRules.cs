using System.Globalization;
using System.Text.RegularExpressions;

namespace Webook.Core.Accounts;

/// <summary>The account field rules of api.md. Each check answers null when valid, else a message for the caller.</summary>
public static partial class AccountFieldRules
{
    public const int MaxEmailLength = 254;
    public const string PasswordSymbols = "$@!%*#?&";

    // A plain address: no quoted local parts, comments or IP literals. It becomes a table key, so it may hold
    // none of / \ # ? or control characters; \z, not $, which would also match before a final newline.
    [GeneratedRegex(@"^[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+\z")]
    private static partial Regex EmailPattern();

    public static string? CheckEmail(string? email) =>
        string.IsNullOrEmpty(email) ? "Email is required."
        : email.Length > MaxEmailLength || !EmailPattern().IsMatch(email) ? "Email is not a valid address."
        : null;

    public static string? CheckPassword(string? password) =>
        string.IsNullOrEmpty(password) ? "Password is required."
        : password.Length is < 8 or > 64
          || !password.Any(char.IsAsciiLetter)
          || !password.Any(char.IsAsciiDigit)
          || !password.Any(PasswordSymbols.Contains)
            ? $"Password must be 8 to 64 characters with a letter, a digit and one of {PasswordSymbols}."
            : null;

    public static string? CheckNickname(string? nickname) =>
        nickname is null || CountCharacters(nickname) is < 1 or > 64 ? "Nickname must be 1 to 64 characters." : null;

    public static string? CheckAboutMe(string? aboutMe) =>
        aboutMe is not null && CountCharacters(aboutMe) > 1024 ? "About me must be at most 1024 characters." : null;

    /// <summary>An empty birthday clears it; otherwise YYYY-MM-DD and not after today (UTC).</summary>
    public static string? CheckBirthday(string? birthday, DateOnly today, out DateOnly? parsed)
    {
        parsed = null;
        if (string.IsNullOrEmpty(birthday)) return null;
        if (!DateOnly.TryParseExact(birthday, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return "Birthday must be a date written YYYY-MM-DD.";
        if (date > today) return "Birthday cannot be in the future.";
        parsed = date;
        return null;
    }

    public static string NormalizeEmail(string email) => email.ToLowerInvariant();

    private static int CountCharacters(string text) => text.EnumerateRunes().Count();
}
