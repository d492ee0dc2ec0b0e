using Azure;

namespace Webook.Core.Storage.Tables;

/// <summary>A query's results, fetched one page per request, following the service's continuation headers.</summary>
internal sealed class TableQuery<T>(TableClient table, string? filter, int? maxPerPage, List<string>? select, CancellationToken cancellationToken)
    : AsyncPageable<T>(cancellationToken) where T : class, ITableEntity, new()
{
    public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        var continuation = continuationToken;
        do
        {
            var (values, next, raw) = await table.QueryPageAsync<T>(filter, pageSizeHint ?? maxPerPage, select, continuation, CancellationToken);
            yield return Page<T>.FromValues(values, next, raw);
            continuation = next;
        }
        while (continuation is not null);
    }
}

/// <summary>The service's NextPartitionKey and NextRowKey as one opaque token.</summary>
internal static class TableQueryContinuation
{
    private const char Separator = ' ';

    public static string? Format(string? nextPartitionKey, string? nextRowKey) =>
        string.IsNullOrEmpty(nextPartitionKey) ? null
        : string.IsNullOrEmpty(nextRowKey) ? nextPartitionKey
        : nextPartitionKey + Separator + nextRowKey;

    public static (string PartitionKey, string? RowKey) Parse(string token)
    {
        var parts = token.Split(Separator, 2);
        return (parts[0], parts.Length > 1 ? parts[1] : null);
    }
}
