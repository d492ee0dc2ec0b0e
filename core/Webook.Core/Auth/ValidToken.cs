namespace Webook.Core.Auth;

/// <summary>A token that passed validation: the session it speaks for and its own id (jti), if it has one.</summary>
public sealed record ValidToken(UserSession Session, string? Id);
