using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Webook.Core.Accounts;
using Webook.Core.Comments;
using Webook.Core.Follows;
using Webook.Core.Http;
using Webook.Core.Interactions;

namespace Webook.Core.Feed;

public sealed record FeedArticleView(long Id, string Title, string Abstract, FeedAuthorView Author, long LikeCnt, long ReadCnt, long CommentCnt, long Ctime);

public sealed record FeedAuthorView(long Id, string Name);

/// <summary>
/// GET /feed (the articles of whom the caller follows: their inbox, and the boxes of the pulled authors among them,
/// merged) and GET /articles/pub/latest (everyone's), newest first, strictly before <c>timestamp</c>.
/// </summary>
public sealed class FeedHandlers(IFeedStore store, IFollowStore follows, PulledAuthors pulled, LatestArticles latest, FeedPages pages,
    InteractionRepository interactions, CommentCounts comments, UserProfiles users, TimeProvider time, IOptions<FeedOptions> options)
{
    public async Task<IResult> FeedAsync(RouteCall<NoBody> call)
    {
        var (before, limit, problem) = Paging(call.Request);
        if (problem is not null) return ApiResults.Refused(problem);
        var ct = call.Ct;
        var followingTask = FolloweesAsync(call.User.UserId, ct);
        var pulling = pulled.GetAsync(ct);
        var (following, pulledAuthors) = (await followingTask, await pulling);
        var pageSize = limit + 1;
        List<IAsyncEnumerable<FeedEntry>> lists = [store.ReadAsync(FeedBox.Inbox(call.User.UserId), before, pageSize, ct)];
        lists.AddRange(following.Where(pulledAuthors.Contains).Select(author => store.ReadAsync(FeedBox.Author(author), before, pageSize, ct)));
        // An inbox keeps what was pushed before an unfollow until the unfollow's event takes it out: whom the caller follows now decides.
        var page = await pages.PageAsync(lists, limit, e => following.Contains(e.AuthorId), ct);
        return ApiResults.Ok(await ViewsAsync(page, ct));
    }

    public async Task<IResult> LatestAsync(RouteCall<NoBody> call)
    {
        var (before, limit, problem) = Paging(call.Request);
        if (problem is not null) return ApiResults.Refused(problem);
        var page = await pages.PageAsync([latest.BeforeAsync(before, limit + 1, call.Ct)], limit, _ => true, call.Ct);
        return ApiResults.Ok(await ViewsAsync(page, call.Ct));
    }

    private (long Before, int Limit, string? Problem) Paging(HttpRequest request)
    {
        if (QueryNumbers.Read(request, "timestamp", out var timestamp) is { } problem) return (0, 0, problem);
        if (timestamp is < 0) return (0, 0, "timestamp is a time in Unix milliseconds, 0 or more.");
        if (QueryNumbers.Read(request, "limit", out var limit) is { } limitProblem) return (0, 0, limitProblem);
        if (limit is null or < 1 or > 100) return (0, 0, "Limit must be 1 to 100.");
        return (timestamp ?? time.GetUtcNow().ToUnixTimeMilliseconds() + 1, (int)limit.Value, null);
    }

    private async Task<HashSet<long>> FolloweesAsync(long userId, CancellationToken ct)
    {
        var following = new HashSet<long>();
        await foreach (var followee in follows.AllFolloweesAsync(userId, ct))
            if (following.Add(followee) && following.Count == options.Value.MaxFollowees) break;
        return following;
    }

    private async Task<List<FeedArticleView>> ViewsAsync(IReadOnlyList<FeedArticle> page, CancellationToken ct)
    {
        var counting = Task.WhenAll(page.Select(a => interactions.GetCountsAsync(a.Id, ct)));
        var commenting = Task.WhenAll(page.Select(a => comments.OfAsync(a.Id, ct)));
        var authors = page.Select(a => a.AuthorId).Distinct().ToList();
        var profiles = await Task.WhenAll(authors.Select(id => users.FindByIdAsync(id, ct)));
        var names = authors.Select((id, i) => (id, UserDisplayName.Of(profiles[i]))).ToDictionary(p => p.id, p => p.Item2);
        var (counts, commentCounts) = (await counting, await commenting);
        return page.Select((a, i) => new FeedArticleView(a.Id, a.Title, a.Abstract, new FeedAuthorView(a.AuthorId, names[a.AuthorId]), counts[i].Likes,
            counts[i].Reads, commentCounts[i], a.PublishedAt)).ToList();
    }
}
