using Microsoft.AspNetCore.Http;
using Webook.Core.Common;
using Webook.Core.Http;

namespace Webook.Core.Interactions;

/// <summary>
/// POST /articles/pub/like and /articles/pub/collect: idempotent, on published articles only (an article readers
/// cannot see is neither liked nor collected). Liking twice, or taking back what was not liked, changes nothing.
/// </summary>
public sealed class InteractionHandlers(InteractionRepository interactions, IPublishedArticles articles)
{
    private const string NotFound = "Article not found.";

    public async Task<IResult> LikeAsync(RouteCall<LikeRequest> call)
    {
        var (body, session, ct) = (call.Body, call.User, call.Ct);
        if (ArticleIds.Check(body.Id, allowNew: false) is { } problem) return ApiResults.Refused(problem);
        if (body.Like is not { } like) return ApiResults.Refused("Say like: true to like or like: false to take it back.");

        var id = body.Id!.Value;
        if (!await articles.IsPublishedAsync(id, ct)) return ApiResults.Refused(NotFound);
        await interactions.SetLikeAsync(id, session.UserId, like, ct);
        return ApiResults.Ok();
    }

    public async Task<IResult> CollectAsync(RouteCall<CollectRequest> call)
    {
        var (body, session, ct) = (call.Body, call.User, call.Ct);
        if (ArticleIds.Check(body.Id, allowNew: false) is { } problem) return ApiResults.Refused(problem);
        if (body.Cid is < 0 or > ArticleIds.Max) return ApiResults.Refused("A collection id is 0 (the default) or a positive integer below 2^53.");

        var id = body.Id!.Value;
        if (!await articles.IsPublishedAsync(id, ct)) return ApiResults.Refused(NotFound);
        await interactions.SetCollectAsync(id, session.UserId, body.Cid ?? 0, body.Collect ?? true, ct);
        return ApiResults.Ok();
    }
}
