using Confluent.Kafka;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Storage.Kafka;

namespace Webook.Core.Health.Checks;

/// <summary>The Kafka cluster answers a metadata request and names at least one broker.</summary>
public sealed class KafkaHealthCheck(IOptions<KafkaOptions> kafka, IOptions<HealthOptions> health, ILogger<KafkaHealthCheck> logger) : IHealthCheck
{
    public const string NotConfigured = "not configured";

    static KafkaHealthCheck() => KafkaNativeLibrary.UseBundled();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var servers = kafka.Value.BootstrapServers;
        if (string.IsNullOrWhiteSpace(servers)) return Task.FromResult(HealthCheckResult.Healthy(NotConfigured));

        // librdkafka's metadata call blocks; it gets its own thread and the check's time limit.
        return Task.Run(() =>
        {
            using var admin = new AdminClientBuilder(kafka.Value.Apply(new AdminClientConfig()))
                .SetLogHandler((_, message) => logger.LogDebug("librdkafka: {Message}", message.Message))
                .Build();
            var metadata = admin.GetMetadata(health.Value.CheckTimeout);
            return metadata.Brokers.Count > 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("no brokers");
        }, ct).WaitAsync(ct);
    }
}
