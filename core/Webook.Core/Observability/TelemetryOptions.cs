using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Observability;

public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>The top-level setting Azure gives Functions and App Service apps for Application Insights.</summary>
    public const string AzureMonitorConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>service.name of every span and metric; the instance id is added by itself.</summary>
    [Required]
    public string ServiceName { get; set; } = "webook";

    /// <summary>OTLP collector endpoint (http://host:4317 for gRPC); empty exports nothing over OTLP.</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>Writes spans and metrics to the console, for a local look.</summary>
    public bool ConsoleExporter { get; set; }

    /// <summary>Webook.Server serves Prometheus' scrape format at /metrics; empty means on in Development only.</summary>
    public bool? PrometheusEndpoint { get; set; }

    /// <summary>Records spans; empty means on when a span exporter is configured (OTLP, console, Azure Monitor), since spans nobody exports only cost.</summary>
    public bool? Tracing { get; set; }
}
