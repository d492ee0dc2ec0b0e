using Webook.Core.Sms;
using Webook.Core.Articles.Storage;
using Webook.Core;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Articles;
using Webook.Core.Follows;
using Webook.Core.Http;
using Webook.Core.Payments;
using Webook.Core.Ranking;
using Webook.Core.Rewards;
using Webook.Core.Sms.Outbox;
using Webook.TestSupport;

namespace Webook.FunctionAppTests;

/// <summary>Webook.Server and the in-process Function App on the shared test stack, each with its own tables, keys and topic.</summary>
public sealed class BothHosts : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;
    public InProcessFunctionApp Functions { get; private set; } = null!;
    public HostSide ServerSide { get; private set; } = null!;
    public HostSide FunctionSide { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Reads are counted, and events turned into notifications, by consumers only Webook.Server runs in process; off,
        // so the counts and the notifications agree.
        var noConsumer = new Dictionary<string, string?> { ["ReadEvents:ConsumerEnabled"] = "false", ["Notifications:ConsumerEnabled"] = "false",
            ["Feed:ConsumerEnabled"] = "false", ["Rewards:ConsumerEnabled"] = "false",
            // Rewards are settled by the reconciler's timer on both sides instead, which settles any Success payment at once.
            ["Rewards:ReconcileSettle"] = "00:00:00" };
        Server = await RunningServer.StartAsync(noConsumer);
        var settings = RunningServer.DefaultSettings();
        foreach (var (key, value) in noConsumer) settings[key] = value;
        Functions = InProcessFunctionApp.Build(settings);
        ServerSide = HostSide.Over(Server);
        FunctionSide = HostSide.Over(Functions);
    }

    public async Task DisposeAsync()
    {
        await Functions.DisposeAsync();
        await Server.DisposeAsync();
    }

    /// <summary>Sends the request each side makes of its own state to both, and checks they answer the same.</summary>
    public async Task<(Answer Server, Answer Functions)> SameAsync(string step, Func<HostSide, Request> request)
    {
        var server = await ServerSide.SendAsync(request(ServerSide));
        var functions = await FunctionSide.SendAsync(request(FunctionSide));
        Assert.True(ServerSide.Normalize(server) == FunctionSide.Normalize(functions),
            $"{step}: the hosts answered differently\n--- Webook.Server\n{ServerSide.Normalize(server)}\n--- Webook.Functions\n{FunctionSide.Normalize(functions)}");
        return (server, functions);
    }

    /// <summary>Runs a scheduled job on both: Webook.Server's job service, the Function App's timer function.</summary>
    public async Task RunJobAsync(string name, CancellationToken ct = default)
    {
        var jobs = Server.Services;
        await (name switch
        {
            HotListRoutes.Names.HotListJob => (Task)jobs.GetRequiredService<IHotListJob>().RunAsync(ct),
            SmsRoutes.Names.SmsRetry => jobs.GetRequiredService<SmsRetryJob>().RunAsync(ct),
            ArticleRoutes.Names.ArticleBlobSweep => jobs.GetRequiredService<ArticleBlobSweep>().RunAsync(ct),
            FollowRoutes.Names.Repair => jobs.GetRequiredService<FollowGraph>().RepairAsync(ct),
            ApiRoutes.OutboxSweepName => jobs.GetRequiredService<Webook.Core.Storage.Tables.TableOutbox>().SweepAsync(ct),
            PaymentRoutes.Names.Sync => jobs.GetRequiredService<PaymentSyncJob>().RunAsync(ct),
            RewardRoutes.Names.Reconcile => jobs.GetRequiredService<RewardReconciler>().RunAsync(ct),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a scheduled job"),
        });
        await Functions.RunTimerAsync(name);
    }

    /// <summary>The code of the last SMS that side sent the phone through the fake ACS (each side has its own sending number).</summary>
    public static Task<string> CodeSentAsync(HostSide side, string phone) =>
        FakeAcsSms.Shared.CodeSentAsync(side.Settings["Sms:Acs:From"]!, phone);

    public static JsonElement Data(Answer answer) => JsonDocument.Parse(answer.Body).RootElement.GetProperty("data").Clone();
}
