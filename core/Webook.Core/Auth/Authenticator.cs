using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Webook.Core.Auth;

/// <summary>
/// The one place a request is authenticated, called by handlers in both hosts: a bearer token of the
/// expected kind, issued to this User-Agent, whose session was not logged out. It also starts sessions
/// and rotates their refresh tokens.
/// </summary>
public sealed class Authenticator(
    TokenService tokens, ISessionRevocations revocations, IRefreshTokenStore refreshTokens, ILogger<Authenticator> logger)
{
    public async Task<UserSession?> AuthenticateAsync(HttpRequest request, TokenKind kind, CancellationToken ct) =>
        (await ValidateAsync(request, kind, ct))?.Session;

    /// <summary>
    /// Authenticates while <paramref name="read"/> runs for the token's user, so the handler waits for one round
    /// trip instead of two; what was read is dropped when the session turns out to be logged out (null, as for
    /// any token that does not pass). Only for reads: <paramref name="read"/> runs before the session is known.
    /// </summary>
    public async Task<(UserSession Session, T Value)?> AuthenticateWhileReadingAsync<T>(HttpRequest request, TokenKind kind,
        Func<long, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        var bearer = BearerToken(request);
        if (bearer is null) return null;
        var token = await tokens.ValidateAsync(kind, bearer, request.Headers.UserAgent);
        if (token is null) return null;
        var revoked = revocations.IsRevokedAsync(token.Session.SessionId, ct);
        var reading = Started(read, token.Session.UserId, ct);
        try
        {
            await Task.WhenAll(revoked, reading);
        }
        catch when (revoked.IsCompletedSuccessfully && revoked.Result)
        {
            // A logged-out session gets 401 whatever became of the read.
            return null;
        }
        if (await revoked) return null;
        request.HttpContext.Features.Set(token.Session);
        return (token.Session, await reading);
    }

    // A read that throws before its first await fails its task like any other, so both waits are observed.
    private static async Task<T> Started<T>(Func<long, CancellationToken, Task<T>> read, long userId, CancellationToken ct) =>
        await read(userId, ct);

    /// <summary>For routes where a token is optional: a request without an Authorization header is anonymous.</summary>
    public static bool HasCredentials(HttpRequest request) => request.Headers.Authorization.Count > 0;

    /// <summary>A new login session (ssid) for the user: its first refresh token recorded, its tokens in the response headers.</summary>
    public async Task StartSessionAsync(HttpRequest request, long userId, CancellationToken ct)
    {
        var session = new UserSession(userId, NewId());
        var refreshTokenId = NewId();
        await refreshTokens.SetCurrentAsync(session.SessionId, refreshTokenId, tokens.RefreshTokenLifetime, ct);
        IssueTokens(request, session, refreshTokenId);
    }

    /// <summary>
    /// Trades the request's refresh token for a new pair, once: the consumed token stops working. A token of
    /// the session that was already traded in means it was copied, so the whole session is revoked.
    /// False (401) for any token that is not the session's current refresh token.
    /// </summary>
    public async Task<bool> RefreshAsync(HttpRequest request, CancellationToken ct)
    {
        var token = await ValidateAsync(request, TokenKind.Refresh, ct);
        if (token?.Id is null) return false;

        var nextId = NewId();
        switch (await refreshTokens.RotateAsync(token.Session.SessionId, token.Id, nextId, tokens.RefreshTokenLifetime, ct))
        {
            case RefreshRotation.Rotated:
                IssueTokens(request, token.Session, nextId);
                return true;
            case RefreshRotation.Reused:
                logger.LogWarning("A used refresh token of user {UserId} was presented again; the session is revoked", token.Session.UserId);
                await RevokeAsync(token.Session, ct);
                return false;
            default:
                return false;
        }
    }

    public Task RevokeAsync(UserSession session, CancellationToken ct) =>
        revocations.RevokeAsync(session.SessionId, tokens.RefreshTokenLifetime, ct);

    public const string AccessTokenHeader = "x-jwt-token";
    public const string RefreshTokenHeader = "x-refresh-token";

    private async Task<ValidToken?> ValidateAsync(HttpRequest request, TokenKind kind, CancellationToken ct)
    {
        var bearer = BearerToken(request);
        if (bearer is null) return null;
        var token = await tokens.ValidateAsync(kind, bearer, request.Headers.UserAgent);
        if (token is null || await revocations.IsRevokedAsync(token.Session.SessionId, ct)) return null;
        // The request log names the user (HandlerGuard); AuthenticateWhileReadingAsync does the same.
        request.HttpContext.Features.Set(token.Session);
        return token;
    }

    /// <summary>Puts a fresh access and refresh token for the session in the response headers of api.md.</summary>
    private void IssueTokens(HttpRequest request, UserSession session, string refreshTokenId)
    {
        string? userAgent = request.Headers.UserAgent;
        var headers = request.HttpContext.Response.Headers;
        headers[AccessTokenHeader] = tokens.Issue(TokenKind.Access, session, userAgent);
        headers[RefreshTokenHeader] = tokens.Issue(TokenKind.Refresh, session, userAgent, refreshTokenId);
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static string? BearerToken(HttpRequest request)
    {
        string? value = request.Headers[HeaderNames.Authorization];
        const string prefix = "Bearer ";
        if (value is null || !value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return null;
        var token = value[prefix.Length..].Trim();
        return token.Length == 0 ? null : token;
    }
}
