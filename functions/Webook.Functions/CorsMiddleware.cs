using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Net.Http.Headers;

namespace Webook.Functions;

/// <summary>
/// CORS for the HTTP functions: the default policy core registers for both hosts (<c>Cors:AllowedOrigins</c>), decided
/// and applied by ASP.NET Core's <see cref="ICorsService"/> the way its CorsMiddleware (Webook.Server's
/// <c>UseCors()</c>) does. The worker's own ASP.NET Core pipeline takes no app middleware, so this runs as worker
/// middleware inside each invocation (see README.md):
/// - a preflight (it reaches the catch-all function, <see cref="NoRouteFunction"/>) is answered 204 with the CORS
///   headers, and no handler runs;
/// - any other request carrying an Origin gets the CORS headers when its response starts, whatever the handler returned.
/// </summary>
public sealed class CorsMiddleware(ICorsService cors, ICorsPolicyProvider policies) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var http = context.GetHttpContext();
        if (http is null || !http.Request.Headers.ContainsKey(HeaderNames.Origin))
        {
            await next(context); // not an HTTP trigger (timer, Kafka), or not a cross-origin request
            return;
        }

        var policy = await policies.GetPolicyAsync(http, policyName: null)
            ?? throw new InvalidOperationException("No default CORS policy is registered (AddWebookCore registers it).");
        var result = cors.EvaluatePolicy(http, policy);
        if (result.IsPreflightRequest)
        {
            cors.ApplyResult(result, http.Response);
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        http.Response.OnStarting(() =>
        {
            cors.ApplyResult(result, http.Response);
            return Task.CompletedTask;
        });
        await next(context);
    }
}
