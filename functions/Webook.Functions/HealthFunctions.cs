using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Webook.Core.Health;
using Webook.Core.Http;
using Webook.Core;

namespace Webook.Functions;

public sealed class HealthFunctions
{
    [Function(HealthRoutes.Names.Health)]
    public Task<IResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HealthRoutes.Health)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(HealthRoutes.Names.Health, request);
}
