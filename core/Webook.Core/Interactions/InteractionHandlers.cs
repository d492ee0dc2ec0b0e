using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Webook.Core.Articles;
using Webook.Core.Auth;
using Webook.Core.Http;

namespace Webook.Core.Interactions;

/// <summary>POST /articles/pub/like and /articles/pub/collect: idempotent, on published articles only.</summary>
public sealed class InteractionHandlers(InteractionService interactions, Authenticator auth, HandlerGuard guard, IOptions<HttpOptions> http)
{
    private const string NotFound = "Article not found.";

    public Task<IResult> LikeAsync(HttpRequest request) => guard.RunAsync(request, "like article", async ct =>
    {
        var session = await auth.AuthenticateAsync(request, TokenKind.Access, ct);
        if (session is null) return ApiResults.Unauthorized();
        var (body, error) = await JsonBody.ReadAsync<LikeRequest>(request, http.Value.MaxRequestBodyBytes);
        if (body is null) return error!;
        if (ArticleFieldRules.CheckId(body.Id, allowNew: false) is { } problem) return ApiResults.Refused(problem);
        if (body.Like is not { } like) return ApiResults.Refused("Say like: true to like or like: false to take it back.");

        return await interactions.LikeAsync(session.UserId, body.Id!.Value, like, ct) ? ApiResults.Ok() : ApiResults.Refused(NotFound);
    });

    public Task<IResult> CollectAsync(HttpRequest request) => guard.RunAsync(request, "collect article", async ct =>
    {
        var session = await auth.AuthenticateAsync(request, TokenKind.Access, ct);
        if (session is null) return ApiResults.Unauthorized();
        var (body, error) = await JsonBody.ReadAsync<CollectRequest>(request, http.Value.MaxRequestBodyBytes);
        if (body is null) return error!;
        if (ArticleFieldRules.CheckId(body.Id, allowNew: false) is { } problem) return ApiResults.Refused(problem);
        if (body.Cid is < 0 or > ArticleFieldRules.MaxId) return ApiResults.Refused("A collection id is 0 (the default) or a positive integer below 2^53.");

        var collected = await interactions.CollectAsync(session.UserId, body.Id!.Value, body.Cid ?? 0, body.Collect ?? true, ct);
        return collected ? ApiResults.Ok() : ApiResults.Refused(NotFound);
    });
}
