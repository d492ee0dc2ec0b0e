using System.Net;
using Webook.Server;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>The benchmarks' yardstick exists only when asked for, and never in the OpenAPI document.</summary>
public sealed class TrivialEndpointTests
{
    [Fact]
    public async Task It_answers_the_bare_envelope_only_in_a_benchmark_configuration()
    {
        await using var plain = await RunningServer.StartAsync();
        await using var benchmark = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            [WebookServer.TrivialEndpointSetting] = "true",
            ["OpenApi:Enabled"] = "true",
        });
        using var plainClient = plain.CreateClient();
        using var benchmarkClient = benchmark.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await plainClient.GetAsync(WebookServer.TrivialPath)).StatusCode);
        var answer = await benchmarkClient.GetApiAsync(WebookServer.TrivialPath);
        Assert.Equal((HttpStatusCode.OK, 0), (answer.Raw.StatusCode, answer.Code));
        Assert.DoesNotContain(WebookServer.TrivialPath, await benchmarkClient.GetStringAsync("/openapi/v1.json"));
    }
}
