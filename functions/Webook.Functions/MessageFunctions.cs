using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Webook.Core;
using Webook.Core.Messages;

namespace Webook.Functions;

public sealed class MessageFunctions
{
    [Function(MessageRoutes.Names.Send)]
    public Task<IResult> Send([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = MessageRoutes.Send)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(MessageRoutes.Names.Send, request);

    [Function(MessageRoutes.Names.Chat)]
    public Task<IResult> Chat([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = MessageRoutes.Chat)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(MessageRoutes.Names.Chat, request);

    [Function(MessageRoutes.Names.Conversations)]
    public Task<IResult> Conversations([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = MessageRoutes.Conversations)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(MessageRoutes.Names.Conversations, request);
}
