using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Sms;
using Webook.Core.Sms.Outbox;
using Webook.Core.Storage.Tables;

namespace Webook.Core.Sms.Storage;

/// <summary>A stored SMS. Claimed by an ETag-conditional update that pushes NextAttemptAt past the lease.</summary>
public sealed class SmsOutboxEntity : ITableEntity
{
    public string PartitionKey { get; set; } = TableSmsOutbox.Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Phone { get; set; } = "";
    public string Text { get; set; } = "";
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string Status { get; set; } = TableSmsOutbox.Pending;
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// The outbox table: one partition (the outbox only holds what could not be sent at once), pending rows
/// deleted once sent, failed rows kept with their text erased (the code in it is dead by then).
/// </summary>
public sealed class TableSmsOutbox(WebookTables tables, TimeProvider time, IOptions<SmsRetryOptions> options,
    ILogger<TableSmsOutbox> logger) : ISmsOutbox
{
    public const string Partition = "outbox";
    public const string Pending = "pending";
    public const string Failed = "failed";

    public async Task AddAsync(SmsMessage message, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.SmsOutbox, ct);
        var now = time.GetUtcNow();
        await table.AddEntityAsync(new SmsOutboxEntity
        {
            // Time-ordered and 74 random bits: unique without a retry, whatever the burst.
            RowKey = Guid.CreateVersion7(now).ToString("N"),
            Phone = message.Phone,
            Text = message.Text,
            NextAttemptAt = now,
            CreatedAt = now,
        }, ct);
    }

    public async Task<IReadOnlyList<ClaimedSms>> ClaimDueAsync(int max, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.SmsOutbox, ct);
        var now = time.GetUtcNow();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Status eq {Pending} and NextAttemptAt le {now}");
        var claims = new List<ClaimedSms>();
        await foreach (var row in table.QueryAsync<SmsOutboxEntity>(filter, max, cancellationToken: ct))
        {
            if (claims.Count == max) break;
            var claim = new TableEntity(row.PartitionKey, row.RowKey)
            {
                [nameof(SmsOutboxEntity.Attempts)] = row.Attempts + 1,
                [nameof(SmsOutboxEntity.NextAttemptAt)] = now + options.Value.ClaimLease,
            };
            try
            {
                var response = await table.UpdateEntityAsync(claim, row.ETag, TableUpdateMode.Merge, ct);
                claims.Add(new ClaimedSms(row.RowKey, new SmsMessage(row.Phone, row.Text), row.Attempts + 1, response.Headers.ETag ?? default));
            }
            catch (RequestFailedException e) when (e.Status == StatusCodes.Status412PreconditionFailed)
            {
                // Another worker claimed it between our read and our update.
            }
        }
        return claims;
    }

    public async Task<int> CountPendingAsync(CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.SmsOutbox, ct);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and Status eq {Pending}");
        var count = 0;
        await foreach (var page in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: ct).AsPages())
            count += page.Values.Count;
        return count;
    }

    public async Task MarkSentAsync(ClaimedSms claim, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.SmsOutbox, ct);
        try
        {
            await table.DeleteEntityAsync(Partition, claim.Id, claim.ETag, ct);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status412PreconditionFailed)
        {
            logger.LogWarning("Stored SMS {Id} was sent after its claim lease ended; it may be sent twice", claim.Id);
        }
    }

    public async Task ReleaseAsync(ClaimedSms claim, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.SmsOutbox, ct);
        var last = claim.Attempt >= options.Value.MaxAttempts;
        var update = new TableEntity(Partition, claim.Id);
        if (last)
        {
            update[nameof(SmsOutboxEntity.Status)] = Failed;
            update[nameof(SmsOutboxEntity.Text)] = "";
            logger.LogError("Stored SMS {Id} failed {Attempts} times; marked failed", claim.Id, claim.Attempt);
        }
        else
        {
            update[nameof(SmsOutboxEntity.NextAttemptAt)] = time.GetUtcNow() + options.Value.Interval;
        }
        try
        {
            await table.UpdateEntityAsync(update, claim.ETag, TableUpdateMode.Merge, ct);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status412PreconditionFailed)
        {
            // The lease ended and another worker owns the message now.
        }
    }
}
