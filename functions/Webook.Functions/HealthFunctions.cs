using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Webook.Core.Health;
using Webook.Core.Http;

namespace Webook.Functions;

// Each HTTP trigger also accepts "options" so that CORS preflights reach CorsMiddleware (README.md).
public sealed class HealthFunctions(HealthHandler handler)
{
    [Function(ApiRoutes.Names.Health)]
    public Task<IResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", "options", Route = ApiRoutes.Health)] HttpRequest request) =>
        handler.CheckAsync(request);
}
