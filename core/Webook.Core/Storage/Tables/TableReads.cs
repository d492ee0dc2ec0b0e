using Azure.Data.Tables;

namespace Webook.Core.Storage.Tables;

public static class TableReads
{
    /// <summary>The row, or null when it does not exist (a point read that answers 404 without an exception).</summary>
    public static async Task<T?> FindAsync<T>(this TableClient table, string partition, string row, CancellationToken ct) where T : class, ITableEntity
    {
        var found = await table.GetEntityIfExistsAsync<T>(partition, row, cancellationToken: ct);
        return found.HasValue ? found.Value : null;
    }
}
