using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Webook.Core.Health;
using Webook.Core.Http;

namespace Webook.Functions;

public sealed class HealthFunctions
{
    [Function(ApiRoutes.Names.Health)]
    public Task<IResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Health)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(ApiRoutes.Names.Health, request);
}
