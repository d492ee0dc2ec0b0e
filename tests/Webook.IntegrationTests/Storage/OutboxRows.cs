using Azure.Data.Tables;
using Webook.Core.Storage.Tables;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Storage;

/// <summary>What the event tests look at around the shared table outbox.</summary>
internal static class OutboxRows
{
    /// <summary>The outbox rows left in a table of the test Azurite, read with a client of its own (counted by no store).</summary>
    public static async Task<int> CountAsync(string tablePrefix, string table)
    {
        var client = new TableServiceClient(TestEnvironment.StorageConnectionString).GetTableClient(tablePrefix + table);
        var rows = 0;
        await foreach (var _ in client.QueryAsync<TableEntity>(e => e.RowKey.CompareTo(OutboxEntity.Prefix) >= 0 && e.RowKey.CompareTo(OutboxEntity.End) < 0)) rows++;
        return rows;
    }
}

/// <summary>The clock of an instance running later than now: what the sweep sees once rows are due.</summary>
internal sealed class AheadTime(TimeSpan ahead) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
}
