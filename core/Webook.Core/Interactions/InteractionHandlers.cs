using Microsoft.AspNetCore.Http;
using Webook.Core.Common;
using Webook.Core.Http;

namespace Webook.Core.Interactions;

/// <summary>
/// POST /articles/pub/like and /articles/pub/collect: idempotent, on published articles only (an article readers
/// cannot see is neither liked nor collected). Liking twice, or taking back what was not liked, changes nothing. The
/// article's records first (the truth of its counts), then the reader's own lists made to agree.
/// </summary>
public sealed class InteractionHandlers(InteractionRepository interactions, IPublishedArticles articles, IReaderLists lists)
{
    private const string NotFound = "Article not found.";

    public async Task<IResult> LikeAsync(RouteCall<LikeRequest> call)
    {
        var (body, session, ct) = (call.Body, call.User, call.Ct);
        if (ArticleIds.Check(body.Id, allowNew: false) is { } problem) return ApiResults.Refused(problem);
        if (body.Like is not { } like) return ApiResults.Refused("Say like: true to like or like: false to take it back.");

        var id = body.Id!.Value;
        if (await articles.PublishedAuthorAsync(id, ct) is not { } author) return ApiResults.Refused(NotFound);
        var changed = await interactions.SetLikeAsync(id, author, session.UserId, like, ct) is not null;
        await lists.SetLikedAsync(session.UserId, id, like, changed, ct);
        return ApiResults.Ok();
    }

    public async Task<IResult> CollectAsync(RouteCall<CollectRequest> call)
    {
        var (body, session, ct) = (call.Body, call.User, call.Ct);
        if (ArticleIds.Check(body.Id, allowNew: false) is { } problem) return ApiResults.Refused(problem);
        if (body.Cid is < 0 or > ArticleIds.Max) return ApiResults.Refused("A collection id is 0 (the default) or a positive integer below 2^53.");

        var (id, collection, collect) = (body.Id!.Value, body.Cid ?? 0, body.Collect ?? true);
        var publishing = articles.PublishedAuthorAsync(id, ct);
        var owning = lists.IsCollectionOfAsync(session.UserId, collection, ct);
        await Task.WhenAll(publishing, owning);
        if (await publishing is not { } author) return ApiResults.Refused(NotFound);
        if (!await owning) return ApiResults.Refused("Collection not found.");
        await interactions.SetCollectAsync(id, author, session.UserId, collection, collect, ct);
        await lists.SetCollectedAsync(session.UserId, id, collection, collect, ct);
        return ApiResults.Ok();
    }
}
