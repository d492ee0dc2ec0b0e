namespace Webook.Core.Auth;

/// <summary>Who a valid token speaks for: the user and the login session (ssid) it belongs to.</summary>
public sealed record UserSession(long UserId, string SessionId);
