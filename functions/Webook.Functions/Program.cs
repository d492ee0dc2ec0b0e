using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Webook.Core;
using Webook.Core.Http;
using Webook.Core.Observability;
using Webook.Functions;

var builder = FunctionsApplication.CreateBuilder(args);

// ASP.NET Core integration: functions take HttpRequest and return IResult, executed on the real HttpContext.
builder.ConfigureFunctionsWebApplication();

// Registered after the integration's own middleware, so the HttpContext is available inside it.
builder.UseMiddleware<CorsMiddleware>();

builder.Services.AddWebookCore(builder.Configuration);
// The same traces and meters as Webook.Server, exported to Application Insights when Azure sets
// APPLICATIONINSIGHTS_CONNECTION_STRING (or OTLP / console by Telemetry:*); no Prometheus endpoint here. The
// worker's defaults tell the host (host.json telemetryMode: OpenTelemetry) that the worker reports its own.
builder.Services.AddWebookTelemetry(builder.Configuration).UseFunctionsWorkerDefaults();

// The same CORS policy, from the same keys, as Webook.Server (Cors:AllowedOrigins).
var cors = builder.Configuration.GetSection(CorsSettings.Section).Get<CorsSettings>() ?? new CorsSettings();
builder.Services.AddCors(options => options.AddDefaultPolicy(cors.Apply));

builder.Build().Run();
