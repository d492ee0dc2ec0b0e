namespace Webook.Core.Accounts;

/// <summary>The name a list shows for a user (api.md "Social"): the nickname, else a masked email, else a masked phone.</summary>
public static class UserDisplayName
{
    public static string Of(User? user) => user switch
    {
        null => "",
        { Nickname.Length: > 0 } => user.Nickname,
        { Email: { Length: > 0 } email } => MaskEmail(email),
        { Phone: { Length: > 0 } phone } => MaskPhone(phone),
        _ => "",
    };

    // "alice@example.com" -> "a***@example.com"
    private static string MaskEmail(string email)
    {
        var at = email.IndexOf('@');
        return at <= 0 ? "***" : email[0] + "***" + email[at..];
    }

    // "13800138000" -> "138****8000"; shorter numbers show only their last two digits.
    private static string MaskPhone(string phone) =>
        phone.Length >= 11 ? phone[..3] + "****" + phone[^4..] : "****" + phone[^Math.Min(2, phone.Length)..];
}
