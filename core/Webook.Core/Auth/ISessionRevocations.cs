namespace Webook.Core.Auth;

/// <summary>Logged-out sessions, kept for as long as any of their tokens could still be valid.</summary>
public interface ISessionRevocations
{
    Task RevokeAsync(string sessionId, TimeSpan keepFor, CancellationToken ct);
    Task<bool> IsRevokedAsync(string sessionId, CancellationToken ct);
}
