using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Net.Http.Headers;

namespace Webook.Functions;

/// <summary>
/// CORS for the HTTP functions, decided by ASP.NET Core's <see cref="ICorsService"/> with the default policy that
/// Program.cs registers from <c>Cors:AllowedOrigins</c> (the policy Webook.Server's <c>UseCors()</c> applies), and
/// applied the way ASP.NET Core's CorsMiddleware applies it. The worker's own ASP.NET Core pipeline takes no app
/// middleware, so this runs as worker middleware inside each invocation (see README.md):
/// - a preflight (every HTTP trigger also accepts "options") is answered 204 with the CORS headers, and the handler
///   does not run; any other OPTIONS request is 405, as on Webook.Server, whose routes do not accept OPTIONS;
/// - any other request carrying an Origin gets the CORS headers (allowed origin, credentials, exposed token
///   headers) when its response starts, whatever the handler returned.
/// </summary>
public sealed class CorsMiddleware(ICorsService cors, ICorsPolicyProvider policies) : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var http = context.GetHttpContext();
        if (http is null)
        {
            await next(context); // not an HTTP trigger (timer, Kafka)
            return;
        }

        CorsResult? result = null;
        if (http.Request.Headers.ContainsKey(HeaderNames.Origin))
        {
            var policy = await policies.GetPolicyAsync(http, policyName: null)
                ?? throw new InvalidOperationException("No default CORS policy is registered (AddCors in Program.cs).");
            result = cors.EvaluatePolicy(http, policy);
        }

        if (HttpMethods.IsOptions(http.Request.Method))
        {
            if (result is not null)
                cors.ApplyResult(result, http.Response);
            http.Response.StatusCode = result is { IsPreflightRequest: true }
                ? StatusCodes.Status204NoContent
                : StatusCodes.Status405MethodNotAllowed;
            return;
        }

        if (result is not null)
        {
            http.Response.OnStarting(() =>
            {
                cors.ApplyResult(result, http.Response);
                return Task.CompletedTask;
            });
        }
        await next(context);
    }
}
