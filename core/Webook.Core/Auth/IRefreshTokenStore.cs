namespace Webook.Core.Auth;

/// <summary>
/// The id of each session's current refresh token, the only one of the session that can still be traded
/// for new tokens. Kept for the refresh lifetime; a session without a record cannot refresh.
/// </summary>
public interface IRefreshTokenStore
{
    /// <summary>Records the first refresh token of a new session.</summary>
    Task SetCurrentAsync(string sessionId, string tokenId, TimeSpan keepFor, CancellationToken ct);

    /// <summary>
    /// In one atomic step: when <paramref name="presentedId"/> is the current id, makes <paramref name="nextId"/>
    /// current. When it is an older id, forgets the session's record, so no refresh token of it works again.
    /// </summary>
    Task<RefreshRotation> RotateAsync(string sessionId, string presentedId, string nextId, TimeSpan keepFor, CancellationToken ct);
}

public enum RefreshRotation
{
    /// <summary>The presented token was current; the next one is now.</summary>
    Rotated,

    /// <summary>The presented token was used before: a copy is in someone else's hands.</summary>
    Reused,

    /// <summary>No record: the session expired, was never started, or was ended by a reuse.</summary>
    UnknownSession,
}
