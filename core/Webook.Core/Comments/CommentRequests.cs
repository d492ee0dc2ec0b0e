using System.Text.Json.Serialization;

namespace Webook.Core.Comments;

/// <summary>The body of POST /articles/pub/comment; a <c>root_id</c> is accepted and ignored (the server resolves the root).</summary>
public sealed class CommentRequest
{
    /// <summary>The article.</summary>
    public long? Id { get; set; }

    public string? Content { get; set; }

    [JsonPropertyName("parent_id")]
    public long? ParentId { get; set; }
}

public sealed record CommentUserView(long Id, string Name);

public sealed record ReplyView(long Id, CommentUserView User, string Content, long ParentId, CommentUserView ReplyTo, long Ctime);

public sealed record RootCommentView(long Id, CommentUserView User, string Content, long Ctime, long ReplyCnt, IReadOnlyList<ReplyView> Replies);
