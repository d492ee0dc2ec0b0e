using System.Diagnostics;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Webook.Core.Storage;

namespace Webook.Core.Observability;

/// <summary>
/// OpenTelemetry for both hosts, set up once: traces from ASP.NET Core, HttpClient, the Azure SDK's own
/// activity sources and ours (<see cref="Source"/>); metrics from ASP.NET Core, the runtime and our meters
/// (every meter named "Webook.*"); exporters by configuration: OTLP, console, Azure Monitor (with logs).
/// Each host adds what only it has (the Prometheus endpoint in Webook.Server, the worker's defaults in the
/// Function App).
/// </summary>
public static class WebookTelemetry
{
    public const string SourceName = "Webook";

    /// <summary>Spans of our own work that no library traces: jobs, consumer batches, Redis scripts, Kafka produce.</summary>
    public static readonly ActivitySource Source = new(SourceName);

    public static OpenTelemetryBuilder AddWebookTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var azureMonitor = configuration[TelemetryOptions.AzureMonitorConnectionStringKey];
        var otlp = !string.IsNullOrWhiteSpace(options.OtlpEndpoint);
        var exporting = otlp || options.ConsoleExporter || !string.IsNullOrWhiteSpace(azureMonitor);

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName, serviceInstanceId: $"{Environment.MachineName}-{Environment.ProcessId}"))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddMeter("Webook.*");
                if (options.ConsoleExporter) metrics.AddConsoleExporter();
            });
        if (options.Tracing ?? exporting)
        {
            // The Azure SDK emits its spans through ActivitySource only when asked to.
            AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
            telemetry.WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddSource("Azure.*").AddSource(SourceName);
                if (options.ConsoleExporter) tracing.AddConsoleExporter();
            });
        }
        if (otlp) telemetry.UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, new Uri(options.OtlpEndpoint));
        if (!string.IsNullOrWhiteSpace(azureMonitor))
        {
            // With the app's managed identity, Application Insights can refuse its ingestion key (local auth off).
            var identity = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>()?.ManagedIdentityClientId;
            telemetry.UseAzureMonitorExporter(monitor =>
            {
                monitor.ConnectionString = azureMonitor;
                if (!string.IsNullOrEmpty(identity))
                    monitor.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(identity));
            });
        }
        return telemetry;
    }
}
