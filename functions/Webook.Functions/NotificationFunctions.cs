using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Webook.Core;
using Webook.Core.Notifications;

namespace Webook.Functions;

public sealed class NotificationFunctions
{
    [Function(NotificationRoutes.Names.List)]
    public Task<IResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = NotificationRoutes.List)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(NotificationRoutes.Names.List, request);

    [Function(NotificationRoutes.Names.Unread)]
    public Task<IResult> Unread([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = NotificationRoutes.Unread)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(NotificationRoutes.Names.Unread, request);

    [Function(NotificationRoutes.Names.Read)]
    public Task<IResult> Read([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = NotificationRoutes.Read)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(NotificationRoutes.Names.Read, request);
}
