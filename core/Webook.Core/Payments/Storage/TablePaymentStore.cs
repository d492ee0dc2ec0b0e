using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Webook.Core.Http;
using Webook.Core.Storage.Tables;

namespace Webook.Core.Payments.Storage;

/// <summary>The payments in Azure Table storage (<see cref="PaymentRows"/>), each status change with its event through the table outbox.</summary>
public sealed class TablePaymentStore(WebookTables tables, TableOutbox outbox, TimeProvider time, IOptions<PaymentOptions> options) : IPaymentStore
{
    private const string Table = WebookTables.Payments;

    public async Task<Payment> AddAsync(Payment payment, CancellationToken ct)
    {
        var table = await tables.GetAsync(Table, ct);
        await table.UpsertEntityAsync(new PendingEntity
        {
            RowKey = PaymentRows.Pending(payment.BizTradeNo, payment.ExpireAt), BizTradeNo = payment.BizTradeNo, ExpireAt = payment.ExpireAt,
        }, TableUpdateMode.Replace, ct);
        try
        {
            await table.AddEntityAsync(new PaymentEntity
            {
                PartitionKey = payment.BizTradeNo, Biz = payment.Biz, BizId = payment.BizId, Amount = payment.Amount, Status = payment.Status.ToString(),
                CodeUrl = payment.CodeUrl, ExpireAt = payment.ExpireAt, Ctime = payment.Ctime, Utime = payment.Ctime,
            }, ct);
            return payment;
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status409Conflict)
        {
            // Recorded before (a retried request); the mark just written names an expiry no payment has: the sync job drops it.
            return await GetAsync(payment.BizTradeNo, ct) ?? throw new InvalidOperationException($"Payment {payment.BizTradeNo} conflicted and is gone.");
        }
    }

    public async Task<Payment?> GetAsync(string bizTradeNo, CancellationToken ct)
    {
        var row = await ReadAsync(await tables.GetAsync(Table, ct), bizTradeNo, ct);
        return row is null ? null : ToPayment(row);
    }

    public async Task SetCodeUrlAsync(string bizTradeNo, string codeUrl, CancellationToken ct)
    {
        var table = await tables.GetAsync(Table, ct);
        await table.UpdateEntityAsync(new TableEntity(bizTradeNo, PaymentRows.Payment) { ["CodeUrl"] = codeUrl }, ETag.All, TableUpdateMode.Merge, ct);
    }

    public async Task<bool> MoveAsync(string bizTradeNo, PaymentStatus status, CancellationToken ct)
    {
        var table = await tables.GetAsync(Table, ct);
        var events = await TableRetry.RetryLostRacesAsync<OutboxEntity?>(options.Value.WriteAttempts, async () =>
        {
            if (await ReadAsync(table, bizTradeNo, ct) is not { } row || !ToPayment(row).CanMoveTo(status)) return null;
            var now = time.GetUtcNow();
            row.Status = status.ToString();
            row.Utime = now;
            var events = TableOutbox.Stage(bizTradeNo, [new OutboxEvent(options.Value.EventTopic, bizTradeNo, JsonSerializer.Serialize(
                new PaymentEvent(Guid.NewGuid().ToString("N"), bizTradeNo, row.Biz, row.BizId, row.Amount, row.Status, now.ToUnixTimeMilliseconds()), WebookJson.Options))]);
            // Not cancelled with the request: a transaction sent may land after its caller gave up, and then its event must be relayed.
            await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag),
                new TableTransactionAction(TableTransactionActionType.Add, events)], CancellationToken.None);
            return events;
        }, lost: e => e is TableTransactionFailedException && TableRetry.LostRace(e));
        if (events is null) return false;
        await outbox.RelayQuietlyAsync(table, events, ct);
        return true;
    }

    public async IAsyncEnumerable<Payment> SucceededBetweenAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken ct)
    {
        var table = await tables.GetAsync(Table, ct);
        var success = nameof(PaymentStatus.Success);
        await foreach (var row in table.QueryAsync<PaymentEntity>(
                           TableClient.CreateQueryFilter($"RowKey eq {PaymentRows.Payment} and Status eq {success} and Ctime ge {from} and Ctime lt {to}"), cancellationToken: ct))
            yield return ToPayment(row);
    }

    public async Task<IReadOnlyList<PendingPayment>> PendingAsync(DateTimeOffset before, int limit, CancellationToken ct)
    {
        var table = await tables.GetAsync(Table, ct);
        var pending = new List<PendingPayment>();
        await foreach (var row in table.QueryAsync<PendingEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {PaymentRows.PendingPartition} and RowKey lt {PaymentRows.PendingBefore(before)}"),
                           maxPerPage: limit, cancellationToken: ct))
        {
            pending.Add(new PendingPayment(row.BizTradeNo, row.ExpireAt, row.RowKey));
            if (pending.Count == limit) break;
        }
        return pending;
    }

    public async Task ForgetPendingAsync(PendingPayment pending, CancellationToken ct)
    {
        var table = await tables.GetAsync(Table, ct);
        try
        {
            await table.DeleteEntityAsync(PaymentRows.PendingPartition, pending.Mark, ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            // Another instance's sync run took it off first.
        }
    }

    private static Task<PaymentEntity?> ReadAsync(TableClient table, string bizTradeNo, CancellationToken ct) =>
        table.FindAsync<PaymentEntity>(bizTradeNo, PaymentRows.Payment, ct);

    private static Payment ToPayment(PaymentEntity row) =>
        new(row.PartitionKey, row.Biz, row.BizId, row.Amount, Enum.Parse<PaymentStatus>(row.Status), row.CodeUrl, row.ExpireAt, row.Ctime);
}
