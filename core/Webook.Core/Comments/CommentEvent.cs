namespace Webook.Core.Comments;

/// <summary>
/// Comments posted or deleted, on Comments:EventTopic keyed by the article: <c>{id, type, articleId, articleAuthor,
/// comments: [{commentId, userId, replyTo, content}], at}</c>. <see cref="Type"/> is "comment" (a root), "reply" or
/// "uncomment" (the comments one deletion took: a root's replies come in batches, the root last). <see cref="Id"/>
/// names the change, the same however often it is sent.
/// </summary>
public sealed record CommentEvent(string Id, string Type, long ArticleId, long ArticleAuthor, IReadOnlyList<CommentEventItem> Comments, long At)
{
    public const string Commented = "comment";
    public const string Replied = "reply";
    public const string Uncommented = "uncomment";
}

/// <param name="ReplyTo">The author of the comment replied to; 0 for a root.</param>
/// <param name="Content">The text, up to 100 characters; empty in an "uncomment".</param>
public sealed record CommentEventItem(long CommentId, long UserId, long ReplyTo, string Content);
