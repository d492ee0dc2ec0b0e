using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Webook.Core.Auth;

/// <summary>
/// The one place a request is authenticated, called by handlers in both hosts: a bearer token of the
/// expected kind, issued to this User-Agent, whose session was not logged out.
/// </summary>
public sealed class Authenticator(TokenService tokens, ISessionRevocations revocations)
{
    public async Task<UserSession?> AuthenticateAsync(HttpRequest request, TokenKind kind, CancellationToken ct)
    {
        var token = BearerToken(request);
        if (token is null) return null;
        var session = await tokens.ValidateAsync(kind, token, request.Headers.UserAgent);
        if (session is null) return null;
        return await revocations.IsRevokedAsync(session.SessionId, ct) ? null : session;
    }

    /// <summary>A new login session (ssid) for the user, its tokens in the response headers.</summary>
    public void StartSession(HttpRequest request, long userId) =>
        IssueTokens(request, new UserSession(userId, Guid.NewGuid().ToString("N")));

    /// <summary>Puts a fresh access and refresh token for the session in the response headers of api.md.</summary>
    public void IssueTokens(HttpRequest request, UserSession session)
    {
        string? userAgent = request.Headers.UserAgent;
        var headers = request.HttpContext.Response.Headers;
        headers[AccessTokenHeader] = tokens.Issue(TokenKind.Access, session, userAgent);
        headers[RefreshTokenHeader] = tokens.Issue(TokenKind.Refresh, session, userAgent);
    }

    public Task RevokeAsync(UserSession session, CancellationToken ct) =>
        revocations.RevokeAsync(session.SessionId, tokens.RefreshTokenLifetime, ct);

    public const string AccessTokenHeader = "x-jwt-token";
    public const string RefreshTokenHeader = "x-refresh-token";

    private static string? BearerToken(HttpRequest request)
    {
        string? value = request.Headers[HeaderNames.Authorization];
        const string prefix = "Bearer ";
        if (value is null || !value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return null;
        var token = value[prefix.Length..].Trim();
        return token.Length == 0 ? null : token;
    }
}
