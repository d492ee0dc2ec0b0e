namespace Webook.Core.Articles;

public sealed class SaveArticleRequest
{
    public long? Id { get; set; }
    public string? Title { get; set; }
    public string? Content { get; set; }
}

public sealed class WithdrawArticleRequest
{
    public long? Id { get; set; }
}

public sealed class ListArticlesRequest
{
    public int? Offset { get; set; }
    public int? Limit { get; set; }
}

public sealed record ArticleListItem(long Id, string Title, string Abstract, int Status, long Ctime, long Utime)
{
    public static ArticleListItem Of(ArticleSummary a) =>
        new(a.Id, a.Title, a.Abstract, (int)a.Status, a.CreatedAt.ToUnixTimeMilliseconds(), a.UpdatedAt.ToUnixTimeMilliseconds());
}

public sealed record ArticleDetailView(long Id, string Title, string Content, int Status, long Ctime, long Utime)
{
    public static ArticleDetailView Of(Article a) =>
        new(a.Id, a.Title, a.Content, (int)a.Status, a.CreatedAt.ToUnixTimeMilliseconds(), a.UpdatedAt.ToUnixTimeMilliseconds());
}

public sealed record AuthorView(long Id, string Name);

/// <summary>The reader's view: the published copy, its counts, and whether the reader (when logged in) likes and collected it.</summary>
public sealed record PublishedArticleView(
    long Id, string Title, string Content, string ContentUrl, AuthorView Author,
    long ReadCnt, long LikeCnt, long CollectCnt, long CommentCnt, bool Liked, bool Collected, long Ctime, long Utime);
