using System.Diagnostics;
using OpenTelemetry.Trace;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Http;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>What an operator sees of a request: its trace with the storage calls under it, and the meters on /metrics.</summary>
[Collection(nameof(TelemetryAlone))]
public sealed class TelemetryTests
{
    [Fact]
    public async Task A_login_is_one_server_span_with_its_table_and_redis_calls_under_it_and_one_log_entry()
    {
        var spans = new List<Activity>();
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Telemetry:Tracing"] = "true",
            ["Logging:LogLevel:" + HandlerGuard.RequestLogCategory] = "Information",
        }, builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        // Other tests' servers in this process trace too: our request is the one with its own User-Agent.
        var agent = "telemetry-test-" + Guid.NewGuid().ToString("N");
        using var client = server.CreateClient(agent);
        var email = Accounts.NewEmail();
        Assert.Equal(0, (await Accounts.SignupAsync(client, email)).Code);

        Assert.Equal(0, (await Accounts.LoginAsync(client, email)).Code);

        var request = await SpanAsync(spans, s => s.Kind == ActivityKind.Server && agent.Equals(s.GetTagItem("user_agent.original"))
                                                  && "/users/login".Equals(s.GetTagItem("http.route")));
        List<Activity> ours;
        lock (spans) ours = spans.Where(s => s.TraceId == request.TraceId).ToList();
        Assert.Single(ours, s => s.Kind == ActivityKind.Server);
        var tableCalls = ours.Where(s => s.Source.Name.StartsWith("Azure.Data.Tables", StringComparison.Ordinal)).ToList();
        var redisCalls = ours.Where(s => "redis".Equals(s.GetTagItem("db.system.name"))).ToList();
        Assert.NotEmpty(tableCalls);
        Assert.Contains(redisCalls, s => s.DisplayName == "redis rate-limit acquire");
        Assert.All(tableCalls.Concat(redisCalls), call => Assert.True(IsUnder(call, request, ours), call.DisplayName + " is not under the request span"));
        var entries = server.Logs.MessagesOf(HandlerGuard.RequestLogCategory).Where(m => m.EndsWith(request.TraceId.ToString(), StringComparison.Ordinal));
        Assert.StartsWith("login POST /users/login answered 200 code 0", Assert.Single(entries));
    }

    [Fact]
    public async Task A_read_event_is_published_in_a_producer_span_under_the_read_request()
    {
        var spans = new List<Activity>();
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["Telemetry:Tracing"] = "true" },
            builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        var agent = "telemetry-test-" + Guid.NewGuid().ToString("N");
        using var client = server.CreateClient(agent);
        var user = await Accounts.SignupAndLoginAsync(client);
        var article = await Articles.PublishAsync(client, user, "Traced", "<p>t</p>");

        await Articles.ReadAsync(client, article);

        var request = await SpanAsync(spans, s => s.Kind == ActivityKind.Server && agent.Equals(s.GetTagItem("user_agent.original"))
                                                  && "/articles/pub/{id}".Equals(s.GetTagItem("http.route")));
        // The producer span ends when the broker acknowledges, after the response.
        var publish = await SpanAsync(spans, s => s.DisplayName == "read-events publish" && s.TraceId == request.TraceId);
        Assert.Equal(ActivityKind.Producer, publish.Kind);
        Assert.Equal(request.SpanId, publish.ParentSpanId);
        Assert.Equal(ActivityStatusCode.Unset, publish.Status);
    }

    [Fact]
    public async Task With_no_exporter_configured_nothing_is_traced()
    {
        var spans = new List<Activity>();
        await using var server = await RunningServer.StartAsync(configure: builder =>
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        using var client = server.CreateClient();

        Assert.Equal(0, (await Accounts.SignupAsync(client, Accounts.NewEmail())).Code);

        // Spans are exported when they end, before the response is written; another request makes sure ours is done.
        Assert.Equal(0, (await client.GetApiAsync("/healthz")).Code);
        lock (spans) Assert.Empty(spans);
    }

    private static async Task<Activity> SpanAsync(List<Activity> spans, Func<Activity, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            lock (spans)
                if (spans.SingleOrDefault(match) is { } span) return span;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException("The span was not exported within 10 s.");
    }

    [Fact]
    public async Task The_prometheus_endpoint_serves_our_meters_after_a_flow()
    {
        await using var server = await RunningServer.StartAsync();
        using var client = server.CreateClient();
        var user = await Accounts.SignupAndLoginAsync(client);
        var article = await Articles.PublishAsync(client, user, "Measured", "<p>m</p>");
        await Articles.ReadAsync(client, article);
        Assert.Equal(0, (await client.GetApiAsync("/users/profile", user.AccessToken)).Code);
        Assert.Equal(0, (await SmsLogin.SendCodeAsync(client, SmsLogin.NewPhone())).Code);

        string metrics;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await Task.Delay(250);
            metrics = await client.GetStringAsync("/metrics");
        } while (!metrics.Contains("webook_read_events_produced", StringComparison.Ordinal) && DateTime.UtcNow < deadline);

        Assert.Contains("webook_read_events_produced", metrics);
        Assert.Contains("http_server_request_duration_seconds", metrics);
        AssertCounted(metrics, "webook_requests_total", "operation=\"profile\"", "code=\"0\"");
        AssertCounted(metrics, "webook_cache_lookups_total", "cache=\"profile\"");
        AssertCounted(metrics, "webook_sms_attempts_total", "provider=\"acs\"", "outcome=\"sent\"");
    }

    /// <summary>A sample of the metric with every one of the labels (in any order) and a positive value.</summary>
    private static void AssertCounted(string metrics, string name, params string[] labels)
    {
        var samples = metrics.Split('\n').Where(line => line.StartsWith(name + "{", StringComparison.Ordinal)).ToList();
        Assert.True(samples.Any(line => labels.All(line.Contains) && double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0],
            System.Globalization.CultureInfo.InvariantCulture) > 0), $"no {name} with {string.Join(", ", labels)} in:\n{string.Join("\n", samples)}");
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

/// <summary>
/// Every in-process test server's meters share their names, and OpenTelemetry's listener matches meters by name, so
/// while other servers run, one server's /metrics can show another server's instruments instead of its own (a full run
/// once served a request count without this test's profile request). This collection runs after the parallel ones,
/// when no other server is up.
/// </summary>
[CollectionDefinition(nameof(TelemetryAlone), DisableParallelization = true)]
public sealed class TelemetryAlone;
