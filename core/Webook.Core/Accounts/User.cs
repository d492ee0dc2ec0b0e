namespace Webook.Core.Accounts;

/// <summary>
/// An account, made with one identity: an email (signup), a phone (SMS login) or a WeChat user (QR login); the others
/// are absent. Id 0 means not stored yet.
/// </summary>
public sealed record User
{
    public long Id { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? PasswordHash { get; init; }
    public string? WeChatOpenId { get; init; }
    /// <summary>WeChat's id of the person across the developer's apps; absent when WeChat gave only the openid.</summary>
    public string? WeChatUnionId { get; init; }
    public bool WeChatBound => WeChatOpenId is not null;
    public string Nickname { get; init; } = "";
    public DateOnly? Birthday { get; init; }
    public string AboutMe { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

public sealed record ProfileEdit(string Nickname, DateOnly? Birthday, string AboutMe);
