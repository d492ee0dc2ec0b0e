using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Webook.Core;
using Webook.Core.WeChatLogin;

namespace Webook.Functions;

public sealed class WeChatLoginFunctions
{
    [Function(WeChatLoginRoutes.Names.AuthUrl)]
    public Task<IResult> AuthUrl([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WeChatLoginRoutes.AuthUrl)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(WeChatLoginRoutes.Names.AuthUrl, request);

    [Function(WeChatLoginRoutes.Names.Callback)]
    public Task<IResult> Callback([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = WeChatLoginRoutes.Callback)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(WeChatLoginRoutes.Names.Callback, request);
}
