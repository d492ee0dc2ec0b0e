using System.Diagnostics;
using OpenTelemetry.Trace;
using Microsoft.Extensions.DependencyInjection;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>What an operator sees of a request: its trace with the storage calls under it, and the meters on /metrics.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task A_signup_is_one_server_span_with_the_table_calls_under_it()
    {
        var spans = new List<Activity>();
        await using var server = await RunningServer.StartAsync(configure: builder =>
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        // Other tests' servers in this process trace too: our request is the one with its own User-Agent.
        var agent = "telemetry-test-" + Guid.NewGuid().ToString("N");
        using var client = server.CreateClient(agent);

        Assert.Equal(0, (await Accounts.SignupAsync(client, Accounts.NewEmail())).Code);

        Activity? request = null;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (request is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            lock (spans) request = spans.SingleOrDefault(s => s.Kind == ActivityKind.Server && agent.Equals(s.GetTagItem("user_agent.original")));
        }
        Assert.NotNull(request);
        List<Activity> ours;
        lock (spans) ours = spans.Where(s => s.TraceId == request.TraceId).ToList();
        Assert.Single(ours, s => s.Kind == ActivityKind.Server);
        Assert.Equal("/users/signup", request.GetTagItem("http.route"));
        var tableCalls = ours.Where(s => s.Source.Name.StartsWith("Azure.Data.Tables", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(tableCalls);
        Assert.All(tableCalls, call => Assert.True(IsUnder(call, request, ours), call.DisplayName + " is not under the request span"));
    }

    [Fact]
    public async Task The_prometheus_endpoint_serves_our_meters_after_a_flow()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.CreateClient();
        var user = await Accounts.SignupAndLoginAsync(client);
        var article = await Articles.PublishAsync(client, user, "Measured", "<p>m</p>");
        await Articles.ReadAsync(client, article);

        string metrics;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await Task.Delay(250);
            metrics = await client.GetStringAsync("/metrics");
        } while (!metrics.Contains("webook_read_events_produced", StringComparison.Ordinal) && DateTime.UtcNow < deadline);

        Assert.Contains("webook_read_events_produced", metrics);
        Assert.Contains("http_server_request_duration_seconds", metrics);
    }

    private static bool IsUnder(Activity span, Activity ancestor, List<Activity> all)
    {
        for (var parent = span.ParentSpanId; parent != default;)
        {
            if (parent == ancestor.SpanId) return true;
            var next = all.FirstOrDefault(s => s.SpanId == parent);
            if (next is null) return false;
            parent = next.ParentSpanId;
        }
        return false;
    }
}
