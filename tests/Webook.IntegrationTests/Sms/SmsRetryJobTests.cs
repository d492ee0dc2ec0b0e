using Webook.Core.Sms.Storage;
using Azure.Data.Tables;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Webook.Core.Common;
using Webook.Core.Sms;
using Webook.Core.Sms.Outbox;
using Webook.Core.Storage;
using Webook.Core.Storage.Tables;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Sms;

public sealed class SmsRetryJobTests
{
    private readonly StorageOptions _storage = new() { ConnectionString = TestEnvironment.StorageConnectionString, TablePrefix = TestEnvironment.UniqueName("it") };
    private readonly SmsRetryOptions _retry = new() { MaxAttempts = 3, Interval = TimeSpan.Zero, ClaimLease = TimeSpan.FromMinutes(2), BatchSize = 50 };

    private TableSmsOutbox Outbox() => new(
        new WebookTables(new TableServiceClient(_storage.ConnectionString), Options.Create(_storage)),
        TimeProvider.System, Options.Create(_retry), NullLogger<TableSmsOutbox>.Instance);

    private SmsRetryJob Job(TableSmsOutbox outbox, ISmsSender sender) =>
        new(outbox, sender, Options.Create(_retry),
            new SmsMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()),
            NullLogger<SmsRetryJob>.Instance);

    [Fact]
    public async Task The_pending_count_holds_messages_due_or_not_and_not_those_sent_or_given_up()
    {
        var outbox = Outbox();
        foreach (var text in new[] { "sent", "given up", "waiting", "claimed" }) await outbox.AddAsync(new SmsMessage("+8613800138000", text), default);
        Assert.Equal(4, await outbox.CountPendingAsync(default));

        var claims = (await outbox.ClaimDueAsync(10, default)).ToDictionary(c => c.Message.Text);
        await outbox.MarkSentAsync(claims["sent"], default);
        var givenUp = claims["given up"];
        await outbox.ReleaseAsync(givenUp with { Attempt = _retry.MaxAttempts }, default);
        await outbox.ReleaseAsync(claims["waiting"], default);

        Assert.Equal(2, await outbox.CountPendingAsync(default));
    }

    [Fact]
    public async Task A_message_whose_sender_fails_twice_then_succeeds_is_delivered_once()
    {
        var outbox = Outbox();
        var sender = new FlakySender(failuresBeforeSuccess: 2);
        await outbox.AddAsync(new SmsMessage("+8613800138000", "code 1"), default);
        var job = Job(outbox, sender);

        Assert.Equal(0, await job.RunAsync(default));
        Assert.Equal(0, await job.RunAsync(default));
        Assert.Equal(1, await job.RunAsync(default));
        Assert.Equal(0, await job.RunAsync(default));

        Assert.Equal(3, sender.Calls);
        Assert.Equal(["code 1"], sender.Delivered);
        Assert.Empty(await outbox.ClaimDueAsync(10, default));
    }

    [Fact]
    public async Task A_burst_of_messages_added_at_once_is_stored_whole()
    {
        var outbox = Outbox();
        const int burst = 500;

        await Task.WhenAll(Enumerable.Range(0, burst).Select(i =>
            Task.Run(() => outbox.AddAsync(new SmsMessage("+8613800138000", $"code {i}"), default))));

        var claimed = await outbox.ClaimDueAsync(burst + 10, default);
        Assert.Equal(burst, claimed.Select(c => c.Message.Text).Distinct().Count());
    }

    [Fact]
    public async Task After_the_last_try_a_message_is_marked_failed_with_its_text_erased()
    {
        var outbox = Outbox();
        await outbox.AddAsync(new SmsMessage("+8613800138000", "code 2"), default);
        var job = Job(outbox, new FlakySender(failuresBeforeSuccess: 100));

        for (var i = 0; i < 5; i++) await job.RunAsync(default);

        var tables = new WebookTables(new TableServiceClient(_storage.ConnectionString), Options.Create(_storage));
        var table = await tables.GetAsync(WebookTables.SmsOutbox, default);
        var rows = new List<SmsOutboxEntity>();
        await foreach (var row in table.QueryAsync<SmsOutboxEntity>()) rows.Add(row);
        var failed = Assert.Single(rows);
        Assert.Equal((TableSmsOutbox.Failed, "", 3), (failed.Status, failed.Text, failed.Attempts));
    }

    [Fact]
    public async Task Two_workers_running_at_once_deliver_each_message_exactly_once()
    {
        var writer = Outbox();
        for (var i = 0; i < 30; i++) await writer.AddAsync(new SmsMessage("+8613800138000", $"message {i}"), default);
        var deliveries = new ConcurrentDictionary<string, int>();
        var sender = new RecordingSender(deliveries);

        var sent = await Task.WhenAll(Job(Outbox(), sender).RunAsync(default), Job(Outbox(), sender).RunAsync(default));

        Assert.Equal(30, sent.Sum());
        Assert.Equal(30, deliveries.Count);
        Assert.All(deliveries.Values, count => Assert.Equal(1, count));
    }

    private sealed class FlakySender(int failuresBeforeSuccess) : ISmsSender
    {
        public int Calls { get; private set; }
        public List<string> Delivered { get; } = [];
        public string Name => "flaky";

        public Task SendAsync(SmsMessage message, CancellationToken ct)
        {
            if (++Calls <= failuresBeforeSuccess) throw new HttpRequestException("provider down");
            Delivered.Add(message.Text);
            return Task.CompletedTask;
        }
    }

    private sealed class RecordingSender(ConcurrentDictionary<string, int> deliveries) : ISmsSender
    {
        public string Name => "recording";

        public async Task SendAsync(SmsMessage message, CancellationToken ct)
        {
            await Task.Delay(5, ct);
            deliveries.AddOrUpdate(message.Text, 1, (_, n) => n + 1);
        }
    }
}
