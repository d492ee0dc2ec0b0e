using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Webook.Core;
using Webook.Core.Observability;

namespace Webook.Functions;

/// <summary>Everything the Function App registers, in one place Program.cs and the in-process tests both call.</summary>
public static class WebookFunctionsApp
{
    public static FunctionsApplicationBuilder AddWebookFunctionsApp(this FunctionsApplicationBuilder builder)
    {
        // ASP.NET Core integration: functions take HttpRequest and return IResult, executed on the real HttpContext.
        builder.ConfigureFunctionsWebApplication();
        // Registered after the integration's own middleware, so the HttpContext is available inside it.
        builder.UseMiddleware<CorsMiddleware>();

        builder.Services.AddWebookCore(builder.Configuration);
        // The same traces and meters as Webook.Server, exported to Application Insights when Azure sets
        // APPLICATIONINSIGHTS_CONNECTION_STRING (or OTLP / console by Telemetry:*); no Prometheus endpoint here. The
        // worker's defaults tell the host (host.json telemetryMode: OpenTelemetry) that the worker reports its own.
        builder.Services.AddWebookTelemetry(builder.Configuration).UseFunctionsWorkerDefaults();
        // The Kafka triggers' security protocol, from Kafka:SaslUsername when the host reads the functions (README.md).
        builder.Services.AddSingleton<IFunctionMetadataTransformer, KafkaSecurityTransformer>();
        return builder;
    }
}
