using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Webook.Core.Auth;
using Webook.Core.Http;
using Webook.Core.Interactions;

namespace Webook.Core.Articles;

/// <summary>The /articles endpoints: the author's drafts and the readers' published copies.</summary>
public sealed class ArticleHandlers(
    ArticleService articles, InteractionService interactions, Authenticator auth, HandlerGuard guard, IOptions<HttpOptions> http, IOptions<ArticleOptions> options)
{
    private const string NotFound = "Article not found.";

    public Task<IResult> EditAsync(HttpRequest request) => SaveAsync(request, publish: false);

    public Task<IResult> PublishAsync(HttpRequest request) => SaveAsync(request, publish: true);

    public Task<IResult> WithdrawAsync(HttpRequest request) => guard.RunAsync(request, "withdraw article", async ct =>
    {
        var session = await auth.AuthenticateAsync(request, TokenKind.Access, ct);
        if (session is null) return ApiResults.Unauthorized();
        var (body, error) = await JsonBody.ReadAsync<WithdrawArticleRequest>(request, http.Value.MaxRequestBodyBytes);
        if (body is null) return error!;
        if (ArticleFieldRules.CheckId(body.Id, allowNew: false) is { } problem) return ApiResults.Refused(problem);

        return await articles.WithdrawAsync(session.UserId, body.Id!.Value, ct) ? ApiResults.Ok() : ApiResults.Refused(NotFound);
    });

    public Task<IResult> ListAsync(HttpRequest request) => guard.RunAsync(request, "list articles", async ct =>
    {
        var session = await auth.AuthenticateAsync(request, TokenKind.Access, ct);
        if (session is null) return ApiResults.Unauthorized();
        var (body, error) = await JsonBody.ReadAsync<ListArticlesRequest>(request, http.Value.MaxRequestBodyBytes);
        if (body is null) return error!;
        if (ArticleFieldRules.CheckPage(body.Offset, body.Limit) is { } problem) return ApiResults.Refused(problem);

        var page = await articles.ListAsync(session.UserId, body.Offset!.Value, body.Limit!.Value, ct);
        return ApiResults.Ok(page.Select(ArticleListItem.Of).ToList());
    });

    public Task<IResult> DetailAsync(HttpRequest request) => guard.RunAsync(request, "article detail", async ct =>
    {
        var session = await auth.AuthenticateAsync(request, TokenKind.Access, ct);
        if (session is null) return ApiResults.Unauthorized();
        if (ArticleFieldRules.ParseId(request.RouteValues["id"]) is not { } id) return ApiResults.Refused(NotFound);

        var draft = await articles.DraftAsync(session.UserId, id, ct);
        return draft is null ? ApiResults.Refused(NotFound) : ApiResults.Ok(ArticleDetailView.Of(draft));
    });

    public Task<IResult> PublishedAsync(HttpRequest request) => guard.RunAsync(request, "published article", async ct =>
    {
        if (ArticleFieldRules.ParseId(request.RouteValues["id"]) is not { } id) return ApiResults.Refused(NotFound);
        // The published copy is usually this instance's own (no wait). The rest is asked for at once, one round
        // trip's wait: the author, the counts and, with a token, the session and the reader's own like and collect
        // state. A token is optional here; one that is not valid (expired, logged out) reads as a reader without one.
        if (await articles.PublishedAsync(id, ct) is not { } article) return ApiResults.Refused(NotFound);
        var writer = articles.AuthorAsync(article, ct);
        var counting = interactions.CountsAsync(id, ct);
        var reading = Authenticator.HasCredentials(request)
            ? auth.AuthenticateWhileReadingAsync(request, TokenKind.Access, (userId, token) => interactions.ReaderStateAsync(id, userId, counting, token), ct)
            : Task.FromResult<(UserSession Session, UserInteraction Value)?>(null);
        await Task.WhenAll(writer, counting, reading);
        var (author, counts, reader) = (await writer, await counting, await reading);
        interactions.Opened(id, reader?.Session.UserId);
        var mine = reader?.Value ?? default;

        return ApiResults.Ok(new PublishedArticleView(
            article.Id, article.Title, article.Content, article.ContentUrl?.AbsoluteUri ?? "",
            new AuthorView(article.AuthorId, author?.Nickname ?? ""),
            counts.Reads, counts.Likes, counts.Collects, mine.Liked, mine.Collected,
            article.CreatedAt.ToUnixTimeMilliseconds(), article.UpdatedAt.ToUnixTimeMilliseconds()));
    });

    private Task<IResult> SaveAsync(HttpRequest request, bool publish) => guard.RunAsync(request, publish ? "publish article" : "save article", async ct =>
    {
        var session = await auth.AuthenticateAsync(request, TokenKind.Access, ct);
        if (session is null) return ApiResults.Unauthorized();
        var (body, error) = await JsonBody.ReadAsync<SaveArticleRequest>(request, http.Value.MaxRequestBodyBytes);
        if (body is null) return error!;
        var problem = ArticleFieldRules.CheckId(body.Id, allowNew: true)
                      ?? ArticleFieldRules.CheckTitle(body.Title, options.Value.MaxTitleLength)
                      ?? ArticleFieldRules.CheckContent(body.Content, options.Value.MaxContentBytes);
        if (problem is not null) return ApiResults.Refused(problem);

        Article? saved;
        try
        {
            saved = await articles.SaveAsync(session.UserId, body.Id ?? 0, body.Title!, body.Content ?? "", publish, ct);
        }
        catch (ArticleChangedException e)
        {
            return ApiResults.Refused(e.Message);
        }
        return saved is null ? ApiResults.Refused(NotFound) : ApiResults.Ok(saved.Id);
    });
}
