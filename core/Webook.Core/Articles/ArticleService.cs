using Microsoft.Extensions.Options;
using Webook.Core.Accounts;

namespace Webook.Core.Articles;

/// <summary>
/// The article rules: only the author writes or reads a draft; readers see published copies only. Content
/// is sanitized before anything is stored, so drafts, published blobs and every API answer hold only the
/// allowed markup.
/// </summary>
public sealed class ArticleService(
    ArticleRepository articles, IUserRepository users, ArticleHtmlSanitizer html, IOptions<ArticleOptions> options)
{
    /// <summary>Saves (and with <paramref name="publish"/> publishes) the author's article; null when the id is not theirs.</summary>
    public Task<Article?> SaveAsync(long authorId, long id, string title, string content, bool publish, CancellationToken ct)
    {
        var safe = html.Sanitize(content);
        return articles.SaveAsync(new Article
        {
            Id = id, AuthorId = authorId, Title = title, Content = safe,
            Abstract = ArticleText.Abstract(safe, options.Value.AbstractLength),
        }, publish, ct);
    }

    public Task<bool> WithdrawAsync(long authorId, long id, CancellationToken ct) => articles.WithdrawAsync(authorId, id, ct);

    public Task<IReadOnlyList<ArticleSummary>> ListAsync(long authorId, int offset, int limit, CancellationToken ct) =>
        articles.ListAsync(authorId, offset, limit, ct);

    public Task<Article?> DraftAsync(long authorId, long id, CancellationToken ct) => articles.GetDraftAsync(authorId, id, ct);

    /// <summary>The published copy, or null when readers cannot see it.</summary>
    public Task<Article?> PublishedAsync(long id, CancellationToken ct) => articles.GetPublishedAsync(id, ct);

    public Task<User?> AuthorAsync(Article article, CancellationToken ct) => users.FindByIdAsync(article.AuthorId, ct);
}
