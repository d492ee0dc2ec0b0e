using System.Net;
using Webook.Core.Health;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>Liveness answers while the process runs; readiness follows the stores, not the broker; /healthz keeps its report.</summary>
public sealed class HealthProbeTests
{
    [Fact]
    public async Task With_every_dependency_up_the_instance_is_live_and_ready()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.CreateClient();

        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ProbeAsync(client, HealthProbes.LivePath));
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ProbeAsync(client, HealthProbes.ReadyPath));
        Assert.Equal(0, (await client.GetApiAsync("/healthz")).Code);
    }

    [Fact]
    public async Task Without_redis_the_instance_is_live_but_not_ready()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            // Nothing listens on a port just freed.
            ["Redis:ConnectionString"] = $"127.0.0.1:{LocalService.FreePort()}",
        });
        using var client = server.CreateClient();

        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ProbeAsync(client, HealthProbes.LivePath));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), await ProbeAsync(client, HealthProbes.ReadyPath));
        var report = await client.GetApiAsync("/healthz");
        Assert.Equal(5, report.Code);
        Assert.Equal("down", report.Data.GetProperty("checks").GetProperty("redis").GetString());
    }

    [Fact]
    public async Task Without_the_broker_the_instance_stays_ready_and_healthz_says_what_is_down()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = $"127.0.0.1:{LocalService.FreePort()}",
        });
        using var client = server.CreateClient();

        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ProbeAsync(client, HealthProbes.ReadyPath));
        var report = await client.GetApiAsync("/healthz");
        Assert.Equal(5, report.Code);
        Assert.Equal("down", report.Data.GetProperty("checks").GetProperty("kafka").GetString());
    }

    private static async Task<(HttpStatusCode, string)> ProbeAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
