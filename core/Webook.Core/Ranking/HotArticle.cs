namespace Webook.Core.Ranking;

/// <summary>A published article as the hot-list scan reads it (no content).</summary>
public sealed record PublishedSummary(long Id, long AuthorId, string Title, string Abstract, DateTimeOffset UpdatedAt);

/// <summary>A scored candidate of the hot list.</summary>
public sealed record HotCandidate(PublishedSummary Article, long Likes, long Reads, double Score);

/// <summary>One entry of the hot list as served: <c>{id, title, abstract, author: {id, name}, likeCnt, readCnt, utime}</c>.</summary>
public sealed record HotArticle(long Id, string Title, string Abstract, HotAuthor Author, long LikeCnt, long ReadCnt, long Utime);

public sealed record HotAuthor(long Id, string Name);
