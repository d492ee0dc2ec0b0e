using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Webook.Core.Auth;

namespace Webook.Core.Http;

/// <summary>
/// The steps every route shares, decided by its descriptor: inside <see cref="HandlerGuard"/>, authenticate by the
/// route's auth kind (401 when a required token does not pass), read the body as JSON when the route takes one (400
/// when it is not), then call the handler with both. Field rules are the handler's: they are the business rule.
/// </summary>
public sealed class RouteInvoker(HandlerGuard guard, Authenticator auth, IOptions<HttpOptions> http)
{
    public Task<IResult> RunAsync<TBody>(ApiRoute route, HttpRequest request, Func<RouteCall<TBody>, Task<IResult>> handle) where TBody : class =>
        guard.RunAsync(request, route.Operation, async ct =>
        {
            UserSession? session = null;
            if (route.Auth == RouteAuth.Access && !route.HandlerAuthenticates)
            {
                session = await auth.AuthenticateAsync(request, TokenKind.Access, ct);
                if (session is null) return ApiResults.Unauthorized();
            }
            if (typeof(TBody) == typeof(NoBody)) return await handle(new RouteCall<TBody>(request, session, (TBody)(object)NoBody.Value, ct));

            var (body, error) = await JsonBody.ReadAsync<TBody>(request, http.Value.MaxRequestBodyBytes);
            return body is null ? error! : await handle(new RouteCall<TBody>(request, session, body, ct));
        });
}
