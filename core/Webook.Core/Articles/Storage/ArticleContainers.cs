using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Webook.Core.Common;
using Webook.Core.Storage;

namespace Webook.Core.Articles.Storage;

/// <summary>The two blob containers of article content, each created on first use (so the app starts while storage is down).</summary>
public sealed class ArticleContainers(BlobServiceClient service, IOptions<StorageOptions> storage, IOptions<ArticleOptions> articles)
{
    private readonly CreatedOnFirstUse<BlobContainerClient> _containers = new(async name =>
    {
        var container = service.GetBlobContainerClient(name);
        var access = name == storage.Value.ContentContainer ? PublicAccessType.Blob : PublicAccessType.None;
        await container.CreateIfNotExistsAsync(access, cancellationToken: CancellationToken.None);
        return container;
    });

    /// <summary>Published content: anonymous read of blobs (not listing), behind the CDN.</summary>
    public Task<BlobContainerClient> PublishedContentAsync(CancellationToken ct) => _containers.GetAsync(storage.Value.ContentContainer, ct);

    /// <summary>A blob of published content, named without a call (the container may not exist yet).</summary>
    public BlobClient PublishedContentBlob(string name) => service.GetBlobContainerClient(storage.Value.ContentContainer).GetBlobClient(name);

    /// <summary>Draft content: private.</summary>
    public Task<BlobContainerClient> DraftsAsync(CancellationToken ct) => _containers.GetAsync(articles.Value.DraftContainer, ct);
}
