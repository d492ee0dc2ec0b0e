using Microsoft.Extensions.Diagnostics.HealthChecks;
using Webook.Core.Storage.Redis;

namespace Webook.Core.Health.Checks;

public sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        // The client ignores cancellation; the check's time limit still applies.
        await redis.Database.PingAsync().WaitAsync(ct);
        return HealthCheckResult.Healthy();
    }
}
