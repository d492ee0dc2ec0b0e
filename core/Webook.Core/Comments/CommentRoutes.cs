using Webook.Core.Http;

namespace Webook.Core.Comments;

/// <summary>The comment routes of api.md ("Social").</summary>
public static class CommentRoutes
{
    public const string PostComment = "articles/pub/comment";
    public const string Comments = "articles/pub/comment";
    public const string Replies = "articles/pub/comment/{cid}/replies";
    public const string Count = "articles/pub/comment_cnt";
    public const string Comment = "articles/pub/comment/{cid}";

    // The reading routes take a token and do not check it: every reader sees the same comments.
    public static readonly IReadOnlyList<ApiRoute> All =
    [
        ApiRoute.For<CommentHandlers, CommentRequest>(Names.PostComment, ApiRoute.Post, PostComment, "post comment", RouteAuth.Access,
            (h, c) => h.PostAsync(c), data: typeof(long)),
        ApiRoute.For<CommentHandlers, NoBody>(Names.Comments, ApiRoute.Get, Comments, "list comments", RouteAuth.OptionalAccess,
            (h, c) => h.ListAsync(c), handlerAuthenticates: true, data: typeof(List<RootCommentView>)),
        ApiRoute.For<CommentHandlers, NoBody>(Names.Replies, ApiRoute.Get, Replies, "list replies", RouteAuth.OptionalAccess,
            (h, c) => h.RepliesAsync(c), handlerAuthenticates: true, data: typeof(List<ReplyView>)),
        ApiRoute.For<CommentHandlers, NoBody>(Names.Count, ApiRoute.Get, Count, "count comments", RouteAuth.OptionalAccess,
            (h, c) => h.CountAsync(c), handlerAuthenticates: true, data: typeof(long)),
        ApiRoute.For<CommentHandlers, NoBody>(Names.Comment, ApiRoute.Delete, Comment, "delete comment", RouteAuth.Access,
            (h, c) => h.DeleteAsync(c)),
    ];

    public static class Names
    {
        public const string PostComment = "ArticlesCommentPost";
        public const string Comments = "ArticlesComments";
        public const string Replies = "ArticlesCommentReplies";
        public const string Count = "ArticlesCommentCount";
        public const string Comment = "ArticlesCommentDelete";
    }
}
