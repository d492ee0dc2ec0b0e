using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Storage.Kafka;

namespace Webook.Core.Storage.Tables;

/// <summary>An event waiting in an outbox: its topic, its key (its Kafka partition) and its JSON.</summary>
public sealed record OutboxEvent(string Topic, string Key, string Value);

/// <summary>The events of one transaction, in the partition it changed, until the brokers have them.</summary>
public sealed class OutboxEntity : ITableEntity
{
    public const string Prefix = "outbox-";
    public const string End = "outbox.";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    /// <summary>The events, a JSON array of {topic, key, value}.</summary>
    public string Events { get; set; } = "";
}

/// <summary>A table whose partitions may hold outbox rows: the sweep looks there.</summary>
public sealed record OutboxTable(string Name);

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>An outbox row this old was not relayed by the request that wrote it (the brokers did not take it, or the process died): the sweep sends it.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RelayAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>NCRONTAB with seconds: the sweep (the Function App's timer %Outbox:SweepSchedule% and Webook.Server's scheduler).</summary>
    [System.ComponentModel.DataAnnotations.Required]
    public string SweepSchedule { get; set; } = "45 */1 * * * *";
}

/// <summary>
/// The transactional outbox of the table stores: a change stages its events as one row in its own entity-group
/// transaction, so they exist exactly when the change does; after the commit the writer relays them (sends each, then
/// deletes the row), and the sweep sends what a writer could not (rows older than Outbox:RelayAfter). An event can
/// thus be sent twice (a send whose acknowledgement was lost); each carries its own id for consumers to recognise.
/// With no brokers configured there is nowhere to send, and the row is deleted.
/// </summary>
public sealed class TableOutbox(WebookTables tables, IEnumerable<OutboxTable> swept, IEventProducer producer, TimeProvider time, IOptions<OutboxOptions> options,
    ILogger<TableOutbox> logger)
{
    private sealed record Stored(string Topic, string Key, string Value);

    /// <summary>The row holding <paramref name="events"/>, to add to the change's transaction in <paramref name="partition"/>.</summary>
    public static OutboxEntity Stage(string partition, IEnumerable<OutboxEvent> events) => new()
    {
        PartitionKey = partition, RowKey = OutboxEntity.Prefix + Guid.NewGuid().ToString("N"),
        Events = JsonSerializer.Serialize(events.Select(e => new Stored(e.Topic, e.Key, e.Value))),
    };

    /// <summary>Sends the row's events and deletes it; a failure is logged and left to the sweep.</summary>
    public async Task RelayQuietlyAsync(TableClient table, OutboxEntity row, CancellationToken ct)
    {
        try
        {
            await RelayAsync(table, row, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not relay outbox row {Row}; the sweep sends it after Outbox:RelayAfter", row.RowKey);
        }
    }

    /// <summary>Sends what the writers left: every outbox row older than Outbox:RelayAfter in the swept tables. Answers how many rows it sent.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow() - options.Value.RelayAfter;
        var sent = 0;
        foreach (var name in swept.Select(t => t.Name).Distinct())
        {
            var table = await tables.GetAsync(name, ct);
            // A filtered scan of the whole table: Azure reads every partition for it (about one transaction per 1,000 rows).
            await foreach (var row in table.QueryAsync<OutboxEntity>(
                               TableClient.CreateQueryFilter($"RowKey ge {OutboxEntity.Prefix} and RowKey lt {OutboxEntity.End} and Timestamp lt {before}"),
                               cancellationToken: ct))
            {
                await RelayAsync(table, row, ct);
                sent++;
            }
        }
        if (sent > 0) logger.LogInformation("The outbox sweep sent {Rows} rows the writers had left", sent);
        return sent;
    }

    private async Task RelayAsync(TableClient table, OutboxEntity row, CancellationToken ct)
    {
        if (producer.Configured)
            foreach (var stored in JsonSerializer.Deserialize<List<Stored>>(row.Events) ?? [])
                await producer.ProduceAsync(stored.Topic, stored.Key, stored.Value, ct);
        try
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Relayed meanwhile by another (the writer and the sweep, or two sweeps): sent twice, recognised by the ids.
        }
    }
}
