using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Health.Checks;

namespace Webook.Core.Health;

public static class HealthRegistration
{
    public static void AddHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWebookOptions<HealthOptions>(configuration, HealthOptions.Section);
        var timeout = configuration.GetSection(HealthOptions.Section).Get<HealthOptions>()?.CheckTimeout ?? new HealthOptions().CheckTimeout;
        services.AddHealthChecks()
            .AddCheck<TablesHealthCheck>("tables", tags: [HealthProbes.ReadyTag], timeout: timeout)
            .AddCheck<BlobsHealthCheck>("blobs", tags: [HealthProbes.ReadyTag], timeout: timeout)
            .AddCheck<RedisHealthCheck>("redis", tags: [HealthProbes.ReadyTag], timeout: timeout)
            .AddCheck<KafkaHealthCheck>("kafka", timeout: timeout);
        services.AddSingleton<HealthHandler>();
    }
}
