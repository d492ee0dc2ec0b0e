using Webook.Core;
using Webook.Core.Storage.Tables;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Webook.Core.Articles;
using Webook.Core.Follows;
using Webook.Core.Health;
using Webook.Core.Http;
using OpenTelemetry.Metrics;
using Webook.Core.Observability;
using Webook.Core.Ranking;
using Webook.Core.Articles.Storage;
using Webook.Core.Sms;
using Webook.Core.Sms.Outbox;
using Webook.Core.Interactions.Kafka;
using Webook.Core.Notifications.Kafka;
using Webook.Core.Feed.Kafka;
using Webook.Core.Payments;
using Webook.Core.Rewards;
using Webook.Core.Rewards.Kafka;

namespace Webook.Server;

/// <summary>The webook endpoints in one plain ASP.NET Core process, for machines without the Functions host.</summary>
public static class WebookServer
{
    public const int DefaultPort = 8080;
    public const string TrivialEndpointSetting = "Benchmark:TrivialEndpoint";
    public const string TrivialPath = "/bench/trivial";

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json sits beside the binaries, wherever the process is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            var port = builder.Configuration.GetValue("WEBOOK_PORT", DefaultPort);
            builder.WebHost.UseUrls($"http://localhost:{port}");
        }

        builder.Services.AddWebookCore(builder.Configuration);
        var telemetry = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var prometheus = telemetry.PrometheusEndpoint ?? builder.Environment.IsDevelopment();
        var openTelemetry = builder.Services.AddWebookTelemetry(builder.Configuration);
        if (prometheus) openTelemetry.WithMetrics(metrics => metrics.AddPrometheusExporter());
        var apiDocumentation = ApiDocumentation.IsEnabled(builder);
        if (apiDocumentation) builder.Services.AddWebookOpenApi();
        builder.Services.AddScheduledJob(SmsRoutes.Retry.Name, sp => sp.GetRequiredService<IOptions<SmsRetryOptions>>().Value.Schedule,
            (jobs, ct) => jobs.GetRequiredService<SmsRetryJob>().RunAsync(ct));
        builder.Services.AddScheduledJob(ArticleRoutes.BlobSweep.Name, sp => sp.GetRequiredService<IOptions<ArticleOptions>>().Value.SweepSchedule,
            (jobs, ct) => jobs.GetRequiredService<ArticleBlobSweep>().RunAsync(ct));
        builder.Services.AddScheduledJob(HotListRoutes.Job.Name, sp => sp.GetRequiredService<IOptions<HotListOptions>>().Value.Schedule,
            (jobs, ct) => jobs.GetRequiredService<LeasedHotListRunner>().TickAsync(ct));
        builder.Services.AddScheduledJob(FollowRoutes.Repair.Name, sp => sp.GetRequiredService<IOptions<FollowOptions>>().Value.RepairSchedule,
            (jobs, ct) => jobs.GetRequiredService<FollowGraph>().RepairAsync(ct));
        builder.Services.AddScheduledJob(ApiRoutes.OutboxSweep.Name, sp => sp.GetRequiredService<IOptions<OutboxOptions>>().Value.SweepSchedule,
            (jobs, ct) => jobs.GetRequiredService<TableOutbox>().SweepAsync(ct));
        builder.Services.AddScheduledJob(PaymentRoutes.Sync.Name, sp => sp.GetRequiredService<IOptions<PaymentOptions>>().Value.SyncSchedule,
            (jobs, ct) => jobs.GetRequiredService<PaymentSyncJob>().RunAsync(ct));
        builder.Services.AddScheduledJob(RewardRoutes.Reconcile.Name, sp => sp.GetRequiredService<IOptions<RewardOptions>>().Value.ReconcileSchedule,
            (jobs, ct) => jobs.GetRequiredService<RewardReconciler>().RunAsync(ct));
        builder.Services.AddHostedService<EventConsumerService<KafkaReadEventConsumer>>();
        builder.Services.AddHostedService<EventConsumerService<KafkaNotificationConsumer>>();
        builder.Services.AddHostedService<EventConsumerService<KafkaFeedConsumer>>();
        builder.Services.AddHostedService<EventConsumerService<KafkaRewardConsumer>>();
        builder.Services.AddHostedService<LoadReportService>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseCors();
        app.MapWebookEndpoints();
        // The yardstick of scripts/bench-ratios.sh: the envelope with nothing behind it, from the same process; never mapped
        // unless a benchmark asks for it.
        if (builder.Configuration.GetValue<bool>(TrivialEndpointSetting))
            app.MapGet(TrivialPath, () => ApiResults.Ok()).ExcludeFromDescription();
        app.MapHealthChecks(HealthProbes.LivePath, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(HealthProbes.ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthProbes.ReadyTag) });
        if (prometheus) app.MapPrometheusScrapingEndpoint();
        if (apiDocumentation) app.MapWebookApiDocumentation();
        return app;
    }

    // Not AddHostedService: with a factory it keeps one hosted service per implementation type, and every job is a ScheduledJob.
    private static void AddScheduledJob(this IServiceCollection services, string name, Func<IServiceProvider, string> schedule,
        Func<IServiceProvider, CancellationToken, Task> run) =>
        services.AddSingleton<IHostedService>(sp => new ScheduledJob(name, schedule(sp), run,
            sp, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ScheduledJob>>()));
}
