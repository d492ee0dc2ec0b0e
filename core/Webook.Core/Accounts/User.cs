namespace Webook.Core.Accounts;

/// <summary>An account. Email or phone may be absent (SMS-only or email-only users); Id 0 means not stored yet.</summary>
public sealed record User
{
    public long Id { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? PasswordHash { get; init; }
    public string Nickname { get; init; } = "";
    public DateOnly? Birthday { get; init; }
    public string AboutMe { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

public sealed record ProfileEdit(string Nickname, DateOnly? Birthday, string AboutMe);
