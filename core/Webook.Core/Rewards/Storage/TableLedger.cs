using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Webook.Core.Common;
using Webook.Core.Storage.Tables;

namespace Webook.Core.Rewards.Storage;

/// <summary>The ledger in Azure Table storage (<see cref="LedgerRows"/>).</summary>
public sealed class TableLedger(WebookTables tables, KeyedLocks locks, IdGenerator ids, TimeProvider time, IOptions<RewardOptions> options) : ILedger
{
    public async Task<bool> CreditAsync(LedgerAccount account, string biz, long bizId, long amount, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Ledger, ct);
        var partition = LedgerRows.Partition(account);
        var key = LedgerRows.Key(biz, bizId);
        // One credit of an account at a time in this instance; a race lost to another instance (the balance changed, or
        // this very credit made there) reads again after a random pause.
        using var held = await locks.EnterAsync("ledger:" + partition, ct);
        return await TableRetry.RetryLostRacesAsync(options.Value.WriteAttempts, async () =>
        {
            var (knowing, reading) = (table.FindAsync<LedgerEntryEntity>(partition, key, ct), table.FindAsync<BalanceEntity>(partition, LedgerRows.Balance, ct));
            var (known, balance) = (await knowing, await reading);
            if (known is not null) return false;
            var entry = new LedgerEntryEntity
            {
                PartitionKey = partition, Id = ids.Next(), AccountType = account.Type, AccountId = account.Id, Biz = biz, BizId = bizId, Amount = amount,
                Ctime = time.GetUtcNow(),
            };
            var listed = Copy(entry, LedgerRows.Entry(entry.Id));
            entry.RowKey = key;
            TableTransactionAction balanceAction = balance is null
                ? new(TableTransactionActionType.Add, new BalanceEntity { PartitionKey = partition, Balance = amount })
                : new(TableTransactionActionType.UpdateReplace, new BalanceEntity { PartitionKey = partition, Balance = checked(balance.Balance + amount) }, balance.ETag);
            // Not cancelled with the caller: a transaction sent may land after it gave up.
            await table.SubmitTransactionAsync([new(TableTransactionActionType.Add, entry), new(TableTransactionActionType.Add, listed), balanceAction],
                CancellationToken.None);
            return true;
        }, () => Task.Delay(Random.Shared.NextDouble() * options.Value.ConflictBackoff, time, ct), e => e is TableTransactionFailedException && TableRetry.LostRace(e));
    }

    public async Task<Wallet> WalletAsync(LedgerAccount account, int offset, int limit, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Ledger, ct);
        var partition = LedgerRows.Partition(account);
        var balance = table.FindAsync<BalanceEntity>(partition, LedgerRows.Balance, ct);
        var entries = new List<LedgerEntry>();
        var skipped = 0;
        await foreach (var row in table.QueryAsync<LedgerEntryEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {LedgerRows.EntryPrefix} and RowKey lt {LedgerRows.EntryEnd}"),
                           maxPerPage: Math.Min(1000, offset + limit), cancellationToken: ct))
        {
            if (skipped++ < offset) continue;
            entries.Add(ToEntry(row));
            if (entries.Count == limit) break;
        }
        return new Wallet((await balance)?.Balance ?? 0, entries);
    }

    public async Task<IReadOnlyList<LedgerEntry>> EntriesOfAsync(string biz, long bizId, IReadOnlyList<LedgerAccount> accounts, CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Ledger, ct);
        var rows = await Task.WhenAll(accounts.Select(a => table.FindAsync<LedgerEntryEntity>(LedgerRows.Partition(a), LedgerRows.Key(biz, bizId), ct)));
        return [.. rows.OfType<LedgerEntryEntity>().Select(ToEntry)];
    }

    public async IAsyncEnumerable<LedgerEntry> EntriesBetweenAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken ct)
    {
        var table = await tables.GetAsync(WebookTables.Ledger, ct);
        await foreach (var row in table.QueryAsync<LedgerEntryEntity>(
                           TableClient.CreateQueryFilter($"RowKey ge {LedgerRows.KeyPrefix} and RowKey lt {LedgerRows.KeyEnd} and Ctime ge {from} and Ctime lt {to}"),
                           cancellationToken: ct))
            yield return ToEntry(row);
    }

    private static LedgerEntryEntity Copy(LedgerEntryEntity entry, string rowKey) => new()
    {
        PartitionKey = entry.PartitionKey, RowKey = rowKey, Id = entry.Id, AccountType = entry.AccountType, AccountId = entry.AccountId, Biz = entry.Biz,
        BizId = entry.BizId, Amount = entry.Amount, Ctime = entry.Ctime,
    };

    private static LedgerEntry ToEntry(LedgerEntryEntity row) =>
        new(row.Id, new LedgerAccount(row.AccountType, row.AccountId), row.Biz, row.BizId, row.Amount, row.Ctime);
}
