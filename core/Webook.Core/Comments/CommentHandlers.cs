using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Accounts;
using Webook.Core.Common;
using Webook.Core.Http;

namespace Webook.Core.Comments;

/// <summary>
/// Comments on published articles, one level deep: a root, or a reply to a root or to another reply (filed under the
/// root). Content is plain text, stored and returned as written (never HTML). A user posts at most
/// <see cref="CommentOptions.FloodLimit"/> comments per <see cref="CommentOptions.FloodWindow"/>.
/// </summary>
public sealed class CommentHandlers(ICommentStore store, ICommentedArticles articles, UserProfiles users, ISlidingWindowLimiter limiter,
    ICommentPageCache pages, LocalCacheTier local, CommentCounts counts, CacheMetrics metrics, IOptions<CommentOptions> options, ILogger<CommentHandlers> logger)
{
    public const int MaxContentLength = 1000;
    public const int RepliesShown = 3;

    private const string NotFound = "Article not found.";

    public async Task<IResult> PostAsync(RouteCall<CommentRequest> call)
    {
        var (body, session, ct) = (call.Body, call.User, call.Ct);
        var problem = ArticleIds.Check(body.Id, allowNew: false) ?? CheckContent(body.Content)
                      ?? (body.ParentId is { } parent && ArticleIds.Parse(parent) is null ? "parent_id must be a comment id: a positive integer below 2^53." : null);
        if (problem is not null) return ApiResults.Refused(problem);
        var articleId = body.Id!.Value;
        if (await articles.PublishedAuthorAsync(articleId, ct) is not { } articleAuthor) return ApiResults.Refused(NotFound);
        var limit = new WindowLimit(options.Value.FloodLimit, options.Value.FloodWindow);
        var flood = $"comments:user:{session.UserId}";
        if (await limiter.TryAcquireAsync(flood, limit, ct) is not { } posting)
            return ApiResults.Refused("You are commenting too often; please wait a moment.");

        var comment = await WriteAsync(articleId, () => store.AddAsync(articleId, articleAuthor, session.UserId, body.Content!, body.ParentId, ct));
        if (comment is not null) return ApiResults.Ok(comment.Id);
        // Refused: not a comment posted, so not counted against the limit either.
        await limiter.ReleaseAsync(flood, posting, ct);
        return ApiResults.Refused("The comment you reply to is not there.");
    }

    public async Task<IResult> ListAsync(RouteCall<NoBody> call)
    {
        var (request, ct) = (call.Request, call.Ct);
        var problem = ReadArticle(request, out var articleId);
        long? before = null;
        var limit = 0;
        problem ??= ReadId(request, "min_id", out before);
        problem ??= ReadLimit(request, out limit);
        if (problem is not null) return ApiResults.Refused(problem);
        if (await articles.PublishedAuthorAsync(articleId, ct) is null) return ApiResults.Refused(NotFound);

        if (before is not null) return ApiResults.Ok(await PageAsync(articleId, before, limit, ct));
        // The first page, shared by every reader until a comment is posted or deleted there: this instance's copy, else
        // Redis's, else the table's (stored in Redis only if nothing changed since it was read).
        var kept = (await local.GetOrReadAsync(FirstPagesKey(articleId), () => Task.FromResult<FirstPages?>(new FirstPages())))!;
        if (kept.ByLimit.TryGetValue(limit, out var page)) return page;
        if (await metrics.ReadAsync(CacheMetrics.CommentPages, () => pages.GetAsync(articleId, limit, ct), logger) is { } cached)
            return kept.ByLimit[limit] = SerializedEnvelope.FromUtf8(cached);
        var generation = await GenerationAsync(articleId, ct);
        page = SerializedEnvelope.Ok(await PageAsync(articleId, null, limit, ct));
        if (generation is { } g) await QuietlyAsync(() => pages.SetAsync(articleId, limit, g, page.Utf8Json, ct), "fill");
        // A change since this set was made dropped it: what is added to it now is never served.
        return kept.ByLimit[limit] = page;
    }

    /// <summary>One article's first pages in this instance, by limit; a change drops the whole set in every instance.</summary>
    private sealed class FirstPages
    {
        public ConcurrentDictionary<int, SerializedEnvelope> ByLimit { get; } = new();
    }

    private static string FirstPagesKey(long articleId) => $"comments:pages:{articleId}";

    private async Task<List<RootCommentView>> PageAsync(long articleId, long? before, int limit, CancellationToken ct)
    {
        var roots = await store.RootsAsync(articleId, before, limit, ct);
        var replies = await Task.WhenAll(roots.Select(root => store.RepliesAsync(articleId, root.Id, null, RepliesShown, ct)));
        var names = await NamesAsync(roots.Concat(replies.SelectMany(r => r)), ct);
        return roots.Select((root, i) => new RootCommentView(root.Id, names.User(root.UserId), root.Content, root.Ctime,
            root.ReplyCount, replies[i].Select(reply => View(reply, names)).ToList())).ToList();
    }

    /// <summary>A write of the article's comments; afterwards (also after a failure: it may have landed) its cached pages go.</summary>
    private async Task<T> WriteAsync<T>(long articleId, Func<Task<T>> write)
    {
        try
        {
            return await write();
        }
        finally
        {
            counts.Changed(articleId);
            // If this fails the old first page can be served until Comments:FirstPageLifetime ends.
            await QuietlyAsync(() => pages.ChangedAsync(articleId, CancellationToken.None), "drop");
            // After Redis's pages went, so that no instance refills its copy from them.
            local.Invalidate(FirstPagesKey(articleId));
        }
    }

    // Null when Redis does not answer: the page is then not stored.
    private async Task<long?> GenerationAsync(long articleId, CancellationToken ct)
    {
        try
        {
            return await pages.GenerationAsync(articleId, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Comment page cache {Operation} failed", "generation");
            return null;
        }
    }

    private async Task QuietlyAsync(Func<Task> operation, string what)
    {
        try
        {
            await operation();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Comment page cache {Operation} failed", what);
        }
    }

    public async Task<IResult> RepliesAsync(RouteCall<NoBody> call)
    {
        var (request, ct) = (call.Request, call.Ct);
        if (ArticleIds.Parse(request.RouteValues["cid"]) is not { } commentId) return ApiResults.Refused("A comment id is a positive integer below 2^53.");
        var problem = ReadId(request, "max_id", out var after);
        var limit = 0;
        problem ??= ReadLimit(request, out limit);
        if (problem is not null) return ApiResults.Refused(problem);
        if (await store.GetAsync(commentId, ct) is not { } comment || await articles.PublishedAuthorAsync(comment.ArticleId, ct) is null)
            return ApiResults.Refused("Comment not found.");

        var replies = await store.RepliesAsync(comment.ArticleId, comment.IsRoot ? comment.Id : comment.RootId, after, limit, ct);
        var names = await NamesAsync(replies, ct);
        return ApiResults.Ok(replies.Select(reply => View(reply, names)).ToList());
    }

    public async Task<IResult> CountAsync(RouteCall<NoBody> call)
    {
        if (ReadArticle(call.Request, out var articleId) is { } problem) return ApiResults.Refused(problem);
        if (await articles.PublishedAuthorAsync(articleId, call.Ct) is null) return ApiResults.Refused(NotFound);
        return ApiResults.Ok(await counts.OfAsync(articleId, call.Ct));
    }

    /// <summary>The comment's author and the article's author may delete it; a root takes its replies.</summary>
    public async Task<IResult> DeleteAsync(RouteCall<NoBody> call)
    {
        var (session, ct) = (call.User, call.Ct);
        if (ArticleIds.Parse(call.Request.RouteValues["cid"]) is not { } commentId) return ApiResults.Refused("A comment id is a positive integer below 2^53.");
        if (await store.GetAsync(commentId, ct) is not { } comment) return ApiResults.Refused("Comment not found.");
        var author = await articles.PublishedAuthorAsync(comment.ArticleId, ct);
        if (author is null) return ApiResults.Refused(NotFound);
        if (comment.UserId != session.UserId && author != session.UserId) return ApiResults.Refused("Only its author or the article's author may delete a comment.");
        return await WriteAsync(comment.ArticleId, () => store.DeleteAsync(comment, author.Value, ct)) ? ApiResults.Ok() : ApiResults.Refused("Comment not found.");
    }

    private static string? CheckContent(string? content)
    {
        if (string.IsNullOrWhiteSpace(content)) return "A comment needs some text.";
        var characters = 0;
        foreach (var _ in content.EnumerateRunes())
            if (++characters > MaxContentLength) return $"A comment is at most {MaxContentLength} characters.";
        return null;
    }

    private static string? ReadArticle(HttpRequest request, out long articleId)
    {
        articleId = 0;
        if (QueryNumbers.Read(request, "id", out var id) is { } problem) return problem;
        if (ArticleIds.Check(id, allowNew: false) is { } wrong) return wrong;
        articleId = id!.Value;
        return null;
    }

    private static string? ReadId(HttpRequest request, string name, out long? id)
    {
        if (QueryNumbers.Read(request, name, out id) is { } problem) return problem;
        return id is null or (> 0 and <= ArticleIds.Max) ? null : $"{name} must be a comment id: a positive integer below 2^53.";
    }

    private static string? ReadLimit(HttpRequest request, out int limit)
    {
        limit = 0;
        if (QueryNumbers.Read(request, "limit", out var value) is { } problem) return problem;
        if (value is null or < 1 or > 100) return "Limit must be 1 to 100.";
        limit = (int)value.Value;
        return null;
    }

    private static ReplyView View(Comment reply, Names names) =>
        new(reply.Id, names.User(reply.UserId), reply.Content, reply.ParentId, names.User(reply.ReplyToUserId), reply.Ctime);

    private sealed class Names(Dictionary<long, string> names)
    {
        public CommentUserView User(long id) => new(id, names.GetValueOrDefault(id, ""));
    }

    private async Task<Names> NamesAsync(IEnumerable<Comment> comments, CancellationToken ct)
    {
        var ids = comments.SelectMany(c => new[] { c.UserId, c.ReplyToUserId }).Where(id => id > 0).Distinct().ToList();
        var profiles = await Task.WhenAll(ids.Select(id => users.FindByIdAsync(id, ct)));
        return new Names(ids.Select((id, i) => (id, UserDisplayName.Of(profiles[i]))).ToDictionary(p => p.id, p => p.Item2));
    }
}
