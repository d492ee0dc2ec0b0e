namespace Webook.Core.Common;

/// <summary>
/// What api.md says an article id is, for every feature that takes one (articles, likes and collections): a positive
/// integer below 2^53 (JavaScript's safe integers); 0 means a new article where that is allowed. Checks answer null when valid.
/// </summary>
public static class ArticleIds
{
    public const long Max = (1L << 53) - 1;

    public static string? Check(long? id, bool allowNew) =>
        id is null or 0 ? (allowNew ? null : "An article id is required.")
        : id is < 0 or > Max ? "An article id is a positive integer below 2^53."
        : null;

    public static long? Parse(object? routeValue) =>
        long.TryParse(routeValue?.ToString(), out var id) && id is > 0 and <= Max ? id : null;
}
