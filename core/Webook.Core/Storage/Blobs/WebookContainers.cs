using System.Collections.Concurrent;

namespace Webook.Core.Storage.Blobs;

/// <summary>The app's blob containers, each created on first use (so the app starts while storage is down).</summary>
public sealed class WebookContainers(BlobServiceClient service)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<BlobContainerClient>>> _containers = new();

    public async Task<BlobContainerClient> GetAsync(string name, PublicAccessType access, CancellationToken ct)
    {
        var lazy = _containers.GetOrAdd(name, n => new Lazy<Task<BlobContainerClient>>(() => CreateAsync(n, access)));
        try
        {
            return await lazy.Value.WaitAsync(ct);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            _containers.TryRemove(new KeyValuePair<string, Lazy<Task<BlobContainerClient>>>(name, lazy));
            throw;
        }
    }

    private async Task<BlobContainerClient> CreateAsync(string name, PublicAccessType access)
    {
        var container = service.GetBlobContainerClient(name);
        await container.CreateIfNotExistsAsync(access, CancellationToken.None);
        return container;
    }
}
