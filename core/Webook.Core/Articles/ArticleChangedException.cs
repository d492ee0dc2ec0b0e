namespace Webook.Core.Articles;

/// <summary>A save kept losing to concurrent saves of the same article (Articles:WriteAttempts used up); the client may retry.</summary>
public sealed class ArticleChangedException() : Exception("The article was changed by another save; please try again.");
