using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Rewards;
using Webook.Core.Storage.Tables;
using Webook.TestSupport;
using static Webook.EndToEndTests.Rewards;

namespace Webook.EndToEndTests;

/// <summary>
/// What keeps a reward from being lost or paid twice when something fails: a process that ends between the payment's
/// write and the event's produce (its outbox row is sent by the next process's sweep), a callback that never comes
/// (the sync job asks WeChat Pay and closes what is unpaid), and the reconciler, which settles a Success payment whose
/// event was never applied and reports planted mismatches.
/// </summary>
public sealed class RewardRecoveryTests
{
    [Fact]
    public async Task A_payment_written_by_a_process_that_ended_before_its_event_was_produced_is_settled_by_the_next_process()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // a broker that takes connections and never answers: the produce cannot succeed
        var shared = RunningServer.DefaultSettings();
        var brokerless = new Dictionary<string, string?>(shared)
        {
            ["Kafka:BootstrapServers"] = $"127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}", ["Kafka:ProduceTimeout"] = "00:00:01",
            ["ReadEvents:ConsumerEnabled"] = "false", ["Notifications:ConsumerEnabled"] = "false", ["Feed:ConsumerEnabled"] = "false",
            ["Rewards:ConsumerEnabled"] = "false",
        };
        long rid;
        LoggedInUser author, reader;
        await using (var first = await RunningServer.StartAsync(brokerless))
        {
            var client = first.CreateClient();
            (author, var article, reader) = await ArticleAndReaderAsync(client);
            (rid, _) = await RewardedAsync(client, reader, article, 700);

            // The payment and its event row are one transaction: the callback is taken though the event is not sent.
            Assert.Equal(HttpStatusCode.NoContent, (await PayAsync(client, rid)).StatusCode);
            Assert.Equal("RewardStatusInit", await StatusAsync(client, reader, rid));
            var payments = await first.Services.GetRequiredService<WebookTables>().GetAsync(WebookTables.Payments, default);
            Assert.Single(payments.QueryAsync<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == TradeNo(rid) && e.RowKey.CompareTo("outbox-") >= 0 && e.RowKey.CompareTo("outbox.") < 0)
                .ToBlockingEnumerable());
        }

        // The next process, on the same tables and topic: its sweep sends the row once it is Outbox:RelayAfter old.
        await using var next = await RunningServer.StartAsync(new Dictionary<string, string?>(shared)
        {
            ["Outbox:RelayAfter"] = "00:00:01", ["Outbox:SweepSchedule"] = "* * * * * *",
        });
        var again = next.CreateClient();
        await WaitForStatusAsync(again, reader, rid, "RewardStatusPayed");
        Assert.Equal(630, (await WalletAsync(again, author)).GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task A_wechat_pay_that_never_answers_costs_a_reward_request_its_deadline_and_the_retry_with_its_key_gets_the_same_reward()
    {
        var (fake, merchantKey) = await SharedFakeWeChatPay.StartOwnAsync();
        await using var _ = fake;
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>(SharedFakeWeChatPay.SettingsOf(fake, merchantKey))
        {
            ["WeChatPay:Timeout"] = "00:00:01",
        });
        var client = server.CreateClient();
        var (_, article, reader) = await ArticleAndReaderAsync(client);
        fake.Hang = true;

        // The request's own deadline is 30 s here: the answer comes from WeChatPay:Timeout.
        var hung = await RewardAsync(client, reader, article, 100, "retry-me").WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(5, hung.Code);

        fake.Hang = false;
        var retried = await RewardAsync(client, reader, article, 100, "retry-me");
        Assert.Equal(0, retried.Code);
        var rid = retried.Data.GetProperty("rid").GetInt64();
        Assert.Equal(TradeNo(rid), Assert.Single(fake.Orders.Keys));
        Assert.Equal("RewardStatusInit", await StatusAsync(client, reader, rid));
    }

    [Fact]
    public async Task The_sync_job_settles_a_paid_order_whose_callback_never_came_and_closes_an_unpaid_one()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["WeChatPay:OrderLifetime"] = "00:00:01", ["Payments:SyncMargin"] = "00:00:00", ["Payments:SyncSchedule"] = "* * * * * *",
        });
        var client = server.CreateClient();
        var (author, article, reader) = await ArticleAndReaderAsync(client);
        var (paid, _) = await RewardedAsync(client, reader, article, 200);
        var (unpaid, _) = await RewardedAsync(client, reader, article, 300);

        Pay.SetState(TradeNo(paid), "SUCCESS"); // paid at WeChat Pay; its callback is lost

        await WaitForStatusAsync(client, reader, paid, "RewardStatusPayed");
        await WaitForStatusAsync(client, reader, unpaid, "RewardStatusFailed");
        Assert.Equal("CLOSED", Pay.Orders[TradeNo(unpaid)].TradeState);
        Assert.Equal(180, (await WalletAsync(client, author)).GetProperty("balance").GetInt64());
        // A callback of the closed order coming after all changes nothing.
        Assert.Equal(HttpStatusCode.NoContent, (await SharedFakeWeChatPay.NotifyAsync(client, Pay.Callback(TradeNo(unpaid), "SUCCESS"))).StatusCode);
        Assert.Equal("RewardStatusFailed", await StatusAsync(client, reader, unpaid));
    }

    [Fact]
    public async Task The_reconciler_settles_a_payment_whose_event_was_not_applied_and_reports_planted_mismatches_with_their_ids()
    {
        // No consumer: the callback's event is produced and never applied, as if the consumer had been down.
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Rewards:ConsumerEnabled"] = "false", ["Rewards:ReconcileSettle"] = "00:00:00", ["Rewards:ReconcileWindow"] = "01:00:00",
            ["Logging:LogLevel:Webook.Core.Rewards"] = "Information",
        });
        var client = server.CreateClient();
        var (author, article, reader) = await ArticleAndReaderAsync(client);
        var (settled, _) = await RewardedAsync(client, reader, article, 1000);
        var (unpaid, _) = await RewardedAsync(client, reader, article, 50);
        var (failed, _) = await RewardedAsync(client, reader, article, 60);
        var (refunded, _) = await RewardedAsync(client, reader, article, 70);
        Assert.Equal(HttpStatusCode.NoContent, (await PayAsync(client, settled)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PayAsync(client, failed, "PAYERROR")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PayAsync(client, refunded, "REFUND")).StatusCode);
        var ledger = server.Services.GetRequiredService<ILedger>();
        const long Orphan = 424242;
        await ledger.CreditAsync(LedgerAccount.User(777), Reward.Biz, Orphan, 5, default); // an entry no reward stands for
        await ledger.CreditAsync(LedgerAccount.User(999), Reward.Biz, unpaid, 50, default); // a credit of an unpaid reward to a stranger
        var reconciler = server.Services.GetRequiredService<RewardReconciler>();

        var report = await reconciler.RunAsync(default);

        Assert.Contains(report.Repaired, r => r.StartsWith("unsettled-payment", StringComparison.Ordinal) && r.Contains(settled.ToString(), StringComparison.Ordinal));
        Assert.Contains(report.Repaired, r => r.StartsWith("unapplied-failure", StringComparison.Ordinal) && r.Contains(failed.ToString(), StringComparison.Ordinal));
        Assert.Contains(report.Repaired, r => r.StartsWith("refunded-unsettled", StringComparison.Ordinal) && r.Contains(refunded.ToString(), StringComparison.Ordinal));
        Assert.Contains(report.Mismatches, m => m.StartsWith("payment-still-pending", StringComparison.Ordinal) && m.Contains(unpaid.ToString(), StringComparison.Ordinal));
        Assert.Contains(report.Mismatches, m => m.StartsWith("entry-without-reward", StringComparison.Ordinal) && m.Contains(Orphan.ToString(), StringComparison.Ordinal));
        Assert.Contains(report.Mismatches, m => m.StartsWith("entry-of-another-account", StringComparison.Ordinal) && m.Contains(unpaid.ToString(), StringComparison.Ordinal));
        Assert.Contains(server.Logs.Entries, e => e.Message.Contains("entry-without-reward", StringComparison.Ordinal) && e.Message.Contains(Orphan.ToString(), StringComparison.Ordinal));
        Assert.Equal("RewardStatusPayed", await StatusAsync(client, reader, settled));
        Assert.Equal("RewardStatusFailed", await StatusAsync(client, reader, failed));
        Assert.Equal("RewardStatusFailed", await StatusAsync(client, reader, refunded));
        Assert.Equal(900, (await WalletAsync(client, author)).GetProperty("balance").GetInt64());

        // Run again: nothing left to repair, the planted mismatches still reported, no credit twice.
        var second = await reconciler.RunAsync(default);
        Assert.Empty(second.Repaired);
        Assert.Equal(report.Mismatches.Order(), second.Mismatches.Order());
        Assert.Equal(900, (await WalletAsync(client, author)).GetProperty("balance").GetInt64());
    }
}
