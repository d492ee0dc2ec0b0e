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

    /// <summary>The published copy and its author, or null when readers cannot see it.</summary>
    public async Task<(Article Article, User? Author)?> ReaderViewAsync(long id, CancellationToken ct)
    {
        var article = await articles.GetPublishedAsync(id, ct);
        if (article is null) return null;
        return (article, await users.FindByIdAsync(article.AuthorId, ct));
    }
}
