using Microsoft.Extensions.Diagnostics.HealthChecks;
using Webook.Core.Storage.Redis;

namespace Webook.Core.Health;

public sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        await redis.Database.PingAsync();
        return HealthCheckResult.Healthy();
    }
}
