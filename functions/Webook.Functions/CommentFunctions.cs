using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Webook.Core.Comments;
using Webook.Core;

namespace Webook.Functions;

public sealed class CommentFunctions
{
    [Function(CommentRoutes.Names.PostComment)]
    public Task<IResult> Post([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = CommentRoutes.PostComment)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(CommentRoutes.Names.PostComment, request);

    [Function(CommentRoutes.Names.Comments)]
    public Task<IResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = CommentRoutes.Comments)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(CommentRoutes.Names.Comments, request);

    [Function(CommentRoutes.Names.Replies)]
    public Task<IResult> Replies([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = CommentRoutes.Replies)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(CommentRoutes.Names.Replies, request);

    [Function(CommentRoutes.Names.Count)]
    public Task<IResult> Count([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = CommentRoutes.Count)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(CommentRoutes.Names.Count, request);

    [Function(CommentRoutes.Names.Comment)]
    public Task<IResult> Delete([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = CommentRoutes.Comment)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(CommentRoutes.Names.Comment, request);
}
