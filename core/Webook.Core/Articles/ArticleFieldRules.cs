using System.Text;

namespace Webook.Core.Articles;

/// <summary>The article field rules of api.md beyond the id (<see cref="Common.ArticleIds"/>); each check answers null when valid.</summary>
public static class ArticleFieldRules
{
    public static string? CheckTitle(string? title, int maxLength) =>
        title is null || title.Trim().Length == 0 || title.EnumerateRunes().Count() > maxLength
            ? $"Title must be 1 to {maxLength} characters." : null;

    public static string? CheckContent(string? content, int maxBytes) =>
        content is not null && Encoding.UTF8.GetByteCount(content) > maxBytes ? $"Content must be at most {maxBytes} bytes." : null;

    public static string? CheckPage(int? offset, int? limit) =>
        offset is null or < 0 ? "Offset must be 0 or more."
        : limit is null or < 1 or > 100 ? "Limit must be 1 to 100."
        : null;
}
