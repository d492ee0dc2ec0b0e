using Microsoft.AspNetCore.Http;
using Webook.Core.Auth;

namespace Webook.Core.Http;

/// <summary>The auth column of docs/api.md: <c>-</c>, <c>A</c>, <c>A?</c> and <c>R</c>.</summary>
public enum RouteAuth { None, Access, OptionalAccess, Refresh }

/// <summary>The body of a route that takes none.</summary>
public sealed class NoBody
{
    public static readonly NoBody Value = new();

    private NoBody()
    {
    }
}

/// <summary>
/// What a handler gets once <see cref="RouteInvoker"/> has done the shared steps: the request, the session its route's
/// auth kind asked for (null for a route whose handler authenticates itself, see <see cref="ApiRoute.HandlerAuthenticates"/>),
/// the body read as JSON, and the request's deadline.
/// </summary>
public readonly record struct RouteCall<TBody>(HttpRequest Request, UserSession? Session, TBody Body, CancellationToken Ct)
{
    /// <summary>The session of a route that requires one: the invoker answered 401 before the handler otherwise.</summary>
    public UserSession User => Session ?? throw new InvalidOperationException("This route does not authenticate before its handler.");
}
