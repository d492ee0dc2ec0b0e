using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Storage;

namespace Webook.Core.Articles.Storage;

/// <summary>
/// Article content: one blob per saved version in the private drafts container ({author}/{id}/{contentKey}.html) and,
/// when published, one in the public content container ({id}/{contentKey}.html), served through the CDN.
/// </summary>
public sealed class ArticleBlobs(ArticleContainers containers, IOptions<ArticleOptions> articleOptions, IOptions<StorageOptions> storageOptions,
    ILogger<ArticleBlobs> logger)
{
    public Task<BlobContainerClient> DraftsAsync(CancellationToken ct) => containers.DraftsAsync(ct);

    public Task<BlobContainerClient> PublishedAsync(CancellationToken ct) => containers.PublishedContentAsync(ct);

    public async Task UploadAsync(Article saved, string contentKey, bool publish, CancellationToken ct)
    {
        var content = BinaryData.FromString(saved.Content);
        var draft = UploadDraftAsync(saved, contentKey, content, ct);
        if (publish) await Task.WhenAll(draft, UploadPublicAsync(saved.Id, contentKey, content, ct));
        else await draft;
    }

    private async Task UploadDraftAsync(Article saved, string contentKey, BinaryData content, CancellationToken ct)
    {
        var drafts = await containers.DraftsAsync(ct);
        await drafts.GetBlobClient(DraftName(saved.AuthorId, saved.Id, contentKey))
            .UploadAsync(content, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = HtmlContentType } }, ct);
    }

    private async Task UploadPublicAsync(long id, string contentKey, BinaryData content, CancellationToken ct)
    {
        var pub = await containers.PublishedContentAsync(ct);
        await pub.GetBlobClient(PublicName(id, contentKey)).UploadAsync(content, new BlobUploadOptions
        {
            // Blob Storage sets only these headers; nosniff and the CSP come from the CDN (docs/articles.md).
            HttpHeaders = new BlobHttpHeaders { ContentType = HtmlContentType, ContentDisposition = "inline", CacheControl = articleOptions.Value.PublishedCacheControl },
        }, ct);
    }

    public async Task<string> DownloadDraftAsync(long authorId, long id, string contentKey, CancellationToken ct)
    {
        var drafts = await containers.DraftsAsync(ct);
        return (await drafts.GetBlobClient(DraftName(authorId, id, contentKey)).DownloadContentAsync(ct)).Value.Content.ToString();
    }

    public async Task<(string Content, Uri Url)> DownloadPublishedAsync(long id, string contentKey, CancellationToken ct)
    {
        var blob = (await containers.PublishedContentAsync(ct)).GetBlobClient(PublicName(id, contentKey));
        var content = await blob.DownloadContentAsync(ct);
        return (content.Value.Content.ToString(), PublicUrl(blob));
    }

    /// <summary>Where readers fetch a published version: computed, no call.</summary>
    public Uri PublicUrl(long id, string contentKey) => PublicUrl(containers.PublishedContentBlob(PublicName(id, contentKey)));

    public async Task DeletePublicAsync(long id, string contentKey, CancellationToken ct) =>
        await (await containers.PublishedContentAsync(ct)).GetBlobClient(PublicName(id, contentKey)).DeleteIfExistsAsync(cancellationToken: ct);

    public Task DeleteDraftQuietlyAsync(long authorId, long id, string contentKey) =>
        DeleteQuietlyAsync(containers.DraftsAsync, DraftName(authorId, id, contentKey));

    public Task DeletePublicQuietlyAsync(long id, string contentKey) =>
        DeleteQuietlyAsync(containers.PublishedContentAsync, PublicName(id, contentKey));

    /// <summary>What <see cref="UploadAsync"/> wrote, for a save that will never name it.</summary>
    public Task DeleteUploadQuietlyAsync(Article saved, string contentKey, bool publish) => Task.WhenAll(
        DeleteDraftQuietlyAsync(saved.AuthorId, saved.Id, contentKey),
        publish ? DeletePublicQuietlyAsync(saved.Id, contentKey) : Task.CompletedTask);

    private const string HtmlContentType = "text/html; charset=utf-8";

    public static string DraftName(long authorId, long id, string contentKey) => $"{authorId}/{id}/{contentKey}.html";

    public static string PublicName(long id, string contentKey) => $"{id}/{contentKey}.html";

    private Uri PublicUrl(BlobClient blob) =>
        articleOptions.Value.CdnBaseUrl is { IsAbsoluteUri: true } cdn
            ? new Uri(cdn, $"{storageOptions.Value.ContentContainer}/{blob.Name}")
            : blob.Uri;

    // Content no row points at any more: leaving it costs storage, never correctness.
    private async Task DeleteQuietlyAsync(Func<CancellationToken, Task<BlobContainerClient>> container, string name)
    {
        try
        {
            await (await container(CancellationToken.None)).GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not delete superseded blob {Blob}", name);
        }
    }
}
