using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Webook.Core.Observability;

namespace Webook.UnitTests.Observability;

public sealed class WebookTelemetryTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddWebookTelemetry(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    [Fact]
    public void With_no_exporter_there_is_no_tracer_but_metrics_are_collected()
    {
        using var provider = Build([]);

        Assert.Null(provider.GetService<TracerProvider>());
        Assert.NotNull(provider.GetService<MeterProvider>());
    }

    [Fact]
    public void Application_insights_and_otlp_together_trace_and_export()
    {
        using var provider = Build(new()
        {
            [TelemetryOptions.AzureMonitorConnectionStringKey] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/",
            ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:9",
            ["Storage:ManagedIdentityClientId"] = "11111111-1111-1111-1111-111111111111",
        });

        Assert.NotNull(provider.GetService<TracerProvider>());
        Assert.NotNull(provider.GetService<MeterProvider>());
    }

    [Fact]
    public void Tracing_can_be_forced_off_even_with_an_exporter()
    {
        using var provider = Build(new() { ["Telemetry:ConsoleExporter"] = "true", ["Telemetry:Tracing"] = "false" });

        Assert.Null(provider.GetService<TracerProvider>());
    }
}
