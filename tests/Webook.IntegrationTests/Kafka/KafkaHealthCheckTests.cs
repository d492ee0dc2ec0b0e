using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Webook.Core.Health;
using Webook.Core.Health.Checks;
using Webook.Core.Storage.Kafka;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Kafka;

public sealed class KafkaHealthCheckTests
{
    private static Task<HealthCheckResult> CheckAsync(string servers) =>
        new KafkaHealthCheck(Options.Create(new KafkaOptions { BootstrapServers = servers }),
                Options.Create(new HealthOptions { CheckTimeout = TimeSpan.FromSeconds(3) }), NullLogger<KafkaHealthCheck>.Instance)
            .CheckHealthAsync(new HealthCheckContext());

    [Fact]
    public async Task The_test_broker_answers_metadata()
    {
        Assert.False(string.IsNullOrEmpty(TestEnvironment.KafkaBootstrapServers), "scripts/test.sh starts a broker and sets WEBOOK_TEST_KAFKA");
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(TestEnvironment.KafkaBootstrapServers)).Status);
    }

    [Fact]
    public async Task No_broker_at_the_address_fails_the_check()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => CheckAsync("127.0.0.1:1"));
    }

    [Fact]
    public async Task Without_brokers_configured_the_check_says_so()
    {
        var result = await CheckAsync("");
        Assert.Equal((HealthStatus.Healthy, KafkaHealthCheck.NotConfigured), (result.Status, result.Description));
    }
}
