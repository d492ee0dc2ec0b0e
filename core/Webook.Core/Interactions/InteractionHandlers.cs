using Microsoft.AspNetCore.Http;
using Webook.Core.Articles;
using Webook.Core.Http;

namespace Webook.Core.Interactions;

/// <summary>POST /articles/pub/like and /articles/pub/collect: idempotent, on published articles only.</summary>
public sealed class InteractionHandlers(InteractionService interactions)
{
    private const string NotFound = "Article not found.";

    public async Task<IResult> LikeAsync(RouteCall<LikeRequest> call)
    {
        var (body, session, ct) = (call.Body, call.User, call.Ct);
        if (ArticleFieldRules.CheckId(body.Id, allowNew: false) is { } problem) return ApiResults.Refused(problem);
        if (body.Like is not { } like) return ApiResults.Refused("Say like: true to like or like: false to take it back.");

        return await interactions.LikeAsync(session.UserId, body.Id!.Value, like, ct) ? ApiResults.Ok() : ApiResults.Refused(NotFound);
    }

    public async Task<IResult> CollectAsync(RouteCall<CollectRequest> call)
    {
        var (body, session, ct) = (call.Body, call.User, call.Ct);
        if (ArticleFieldRules.CheckId(body.Id, allowNew: false) is { } problem) return ApiResults.Refused(problem);
        if (body.Cid is < 0 or > ArticleFieldRules.MaxId) return ApiResults.Refused("A collection id is 0 (the default) or a positive integer below 2^53.");

        var collected = await interactions.CollectAsync(session.UserId, body.Id!.Value, body.Cid ?? 0, body.Collect ?? true, ct);
        return collected ? ApiResults.Ok() : ApiResults.Refused(NotFound);
    }
}
