using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Webook.Core.Storage.Tables;

/// <summary>
/// The app's tables by logical name, each created on first use (so the app starts while storage is
/// down) and named with the configured prefix.
/// </summary>
public sealed class WebookTables(TableServiceClient service, IOptions<StorageOptions> options)
{
    public const string Users = "users";
    public const string UserIndex = "userindex";
    public const string SmsOutbox = "smsoutbox";
    public const string Drafts = "articles";
    public const string Published = "pubarticles";

    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new();

    public async Task<TableClient> GetAsync(string name, CancellationToken ct)
    {
        var lazy = _tables.GetOrAdd(name, n => new Lazy<Task<TableClient>>(() => CreateAsync(n)));
        try
        {
            return await lazy.Value.WaitAsync(ct);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            _tables.TryRemove(new KeyValuePair<string, Lazy<Task<TableClient>>>(name, lazy));
            throw;
        }
    }

    private async Task<TableClient> CreateAsync(string name)
    {
        var table = service.GetTableClient(options.Value.TablePrefix + name);
        await table.CreateIfNotExistsAsync(CancellationToken.None);
        return table;
    }
}
