using Webook.Core.Comments;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Webook.Core.Accounts;
using Webook.Core.Auth;
using Webook.Core.Common;
using Webook.Core.Http;
using Webook.Core.Interactions;

namespace Webook.Core.Articles;

/// <summary>
/// The /articles endpoints: only the author writes or reads a draft; readers see published copies only. Content is
/// sanitized before anything is stored, so drafts, published blobs and every answer hold only the allowed markup.
/// </summary>
public sealed class ArticleHandlers(ArticleRepository articles, ArticleHtmlSanitizer html, UserProfiles users, InteractionRepository interactions,
    CommentCounts comments, IReadEventPublisher reads, Authenticator auth, TimeProvider time, IOptions<ArticleOptions> options)
{
    private const string NotFound = "Article not found.";

    public async Task<IResult> WithdrawAsync(RouteCall<WithdrawArticleRequest> call)
    {
        var (body, session, ct) = (call.Body, call.User, call.Ct);
        if (ArticleIds.Check(body.Id, allowNew: false) is { } problem) return ApiResults.Refused(problem);

        return await articles.WithdrawAsync(session.UserId, body.Id!.Value, ct) ? ApiResults.Ok() : ApiResults.Refused(NotFound);
    }

    public async Task<IResult> ListAsync(RouteCall<ListArticlesRequest> call)
    {
        var (body, session, ct) = (call.Body, call.User, call.Ct);
        if (ArticleFieldRules.CheckPage(body.Offset, body.Limit) is { } problem) return ApiResults.Refused(problem);

        var page = await articles.ListAsync(session.UserId, body.Offset!.Value, body.Limit!.Value, ct);
        return ApiResults.Ok(page.Select(ArticleListItem.Of).ToList());
    }

    public async Task<IResult> DetailAsync(RouteCall<NoBody> call)
    {
        var (request, session, ct) = (call.Request, call.User, call.Ct);
        if (ArticleIds.Parse(request.RouteValues["id"]) is not { } id) return ApiResults.Refused(NotFound);

        var draft = await articles.GetDraftAsync(session.UserId, id, ct);
        return draft is null ? ApiResults.Refused(NotFound) : ApiResults.Ok(ArticleDetailView.Of(draft));
    }

    public async Task<IResult> PublishedAsync(RouteCall<NoBody> call)
    {
        var (request, ct) = (call.Request, call.Ct);
        if (ArticleIds.Parse(request.RouteValues["id"]) is not { } id) return ApiResults.Refused(NotFound);
        // The published copy is usually this instance's own (no wait). The rest is asked for at once, one round
        // trip's wait: the author, the counts and, with a token, the session and the reader's own like and collect
        // state. A token is optional here; one that is not valid (expired, logged out) reads as a reader without one.
        if (await articles.GetPublishedAsync(id, ct) is not { } article) return ApiResults.Refused(NotFound);
        var writer = users.FindByIdAsync(article.AuthorId, ct);
        var counting = interactions.GetCountsAsync(id, ct);
        var commenting = comments.OfAsync(id, ct);
        var reading = Authenticator.HasCredentials(request)
            ? auth.AuthenticateWhileReadingAsync(request, TokenKind.Access, (userId, token) => interactions.GetUserInteractionAsync(id, userId, counting, token), ct)
            : Task.FromResult<(UserSession Session, UserInteraction Value)?>(null);
        await Task.WhenAll(writer, counting, commenting, reading);
        var (author, counts, reader) = (await writer, await counting, await reading);
        // Counted later, in batches, from the read-event topic.
        reads.Publish(new ReadEvent(reader?.Session.UserId ?? 0, id, time.GetUtcNow().ToUnixTimeMilliseconds()));
        var mine = reader?.Value ?? default;

        return ApiResults.Ok(new PublishedArticleView(
            article.Id, article.Title, article.Content, article.ContentUrl?.AbsoluteUri ?? "",
            new AuthorView(article.AuthorId, author?.Nickname ?? ""),
            counts.Reads, counts.Likes, counts.Collects, await commenting, mine.Liked, mine.Collected,
            article.CreatedAt.ToUnixTimeMilliseconds(), article.UpdatedAt.ToUnixTimeMilliseconds()));
    }

    public async Task<IResult> SaveAsync(RouteCall<SaveArticleRequest> call, bool publish)
    {
        var (body, session, ct) = (call.Body, call.User, call.Ct);
        var problem = ArticleIds.Check(body.Id, allowNew: true)
                      ?? ArticleFieldRules.CheckTitle(body.Title, options.Value.MaxTitleLength)
                      ?? ArticleFieldRules.CheckContent(body.Content, options.Value.MaxContentBytes);
        if (problem is not null) return ApiResults.Refused(problem);

        Article? saved;
        try
        {
            var safe = html.Sanitize(body.Content ?? "");
            saved = await articles.SaveAsync(new Article
            {
                Id = body.Id ?? 0, AuthorId = session.UserId, Title = body.Title!, Content = safe,
                Abstract = ArticleText.Abstract(safe, options.Value.AbstractLength),
            }, publish, ct);
        }
        catch (ArticleChangedException e)
        {
            return ApiResults.Refused(e.Message);
        }
        return saved is null ? ApiResults.Refused(NotFound) : ApiResults.Ok(saved.Id);
    }
}
