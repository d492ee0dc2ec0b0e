namespace Webook.Core.Ranking;

/// <summary>A published article as the hot-list scan reads it: what its score and its author need, no text.</summary>
public readonly record struct PublishedStamp(long Id, long AuthorId, DateTimeOffset UpdatedAt);

/// <summary>A published article as the list shows it (no content).</summary>
public sealed record PublishedSummary(long Id, long AuthorId, string Title, string Abstract, DateTimeOffset UpdatedAt)
{
    public PublishedStamp Stamp => new(Id, AuthorId, UpdatedAt);
}

/// <summary>A scored candidate of the hot list.</summary>
public readonly record struct HotCandidate(PublishedStamp Article, long Likes, long Reads, long Comments, double Score);

/// <summary>One entry of the hot list as served: <c>{id, title, abstract, author: {id, name}, likeCnt, readCnt, commentCnt, utime}</c>.</summary>
public sealed record HotArticle(long Id, string Title, string Abstract, HotAuthor Author, long LikeCnt, long ReadCnt, long CommentCnt, long Utime);

public sealed record HotAuthor(long Id, string Name);
