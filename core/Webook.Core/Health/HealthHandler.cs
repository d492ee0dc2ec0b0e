using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Webook.Core.Http;

namespace Webook.Core.Health;

/// <summary>GET /healthz: each dependency is "ok" or "down" (or says why it is not checked); any down answers code 5.</summary>
public sealed class HealthHandler(HealthCheckService health)
{
    public async Task<IResult> CheckAsync(HttpRequest request)
    {
        var report = await health.CheckHealthAsync(request.HttpContext.RequestAborted);
        var checks = report.Entries.ToDictionary(
            e => e.Key,
            e => e.Value.Status == HealthStatus.Healthy ? e.Value.Description ?? "ok" : "down");
        var healthy = report.Status == HealthStatus.Healthy;
        var data = new HealthView(healthy ? "ok" : "down", checks);
        return healthy ? ApiResults.Ok(data) : ApiResults.ServerError(data);
    }
}

/// <summary>The data of /healthz: <c>{status, checks: {tables, blobs, redis, kafka}}</c>.</summary>
public sealed record HealthView(string Status, IReadOnlyDictionary<string, string> Checks);
