using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Webook.Core.Http;

namespace Webook.Functions;

/// <summary>
/// Every request no other function takes: the host routes by template and method, more specific templates first,
/// so this catch-all gets unknown paths, known paths with another method, and CORS preflights (which CorsMiddleware
/// answers before this runs). It answers as Webook.Server's catch-all endpoint does.
/// </summary>
public sealed class NoRouteFunction
{
    [Function(NoRouteHandler.FunctionName)]
    public IResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "patch", "delete", "head", "options", Route = NoRouteHandler.Template)]
        HttpRequest request) =>
        NoRouteHandler.Answer(request);
}
