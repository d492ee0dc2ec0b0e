using System.Text;

namespace Webook.Core.Articles;

/// <summary>The article field rules of api.md; each check answers null when valid.</summary>
public static class ArticleFieldRules
{
    /// <summary>Ids are positive integers below 2^53 (JavaScript's safe integers); 0 means new where allowed.</summary>
    public const long MaxId = (1L << 53) - 1;

    public static string? CheckId(long? id, bool allowNew) =>
        id is null or 0 ? (allowNew ? null : "An article id is required.")
        : id is < 0 or > MaxId ? "An article id is a positive integer below 2^53."
        : null;

    public static string? CheckTitle(string? title, int maxLength) =>
        title is null || title.Trim().Length == 0 || title.EnumerateRunes().Count() > maxLength
            ? $"Title must be 1 to {maxLength} characters." : null;

    public static string? CheckContent(string? content, int maxBytes) =>
        content is not null && Encoding.UTF8.GetByteCount(content) > maxBytes ? $"Content must be at most {maxBytes} bytes." : null;

    public static string? CheckPage(int? offset, int? limit) =>
        offset is null or < 0 ? "Offset must be 0 or more."
        : limit is null or < 1 or > 100 ? "Limit must be 1 to 100."
        : null;

    public static long? ParseId(object? routeValue) =>
        long.TryParse(routeValue?.ToString(), out var id) && id is > 0 and <= MaxId ? id : null;
}
