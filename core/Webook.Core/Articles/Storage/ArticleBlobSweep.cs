using System.Globalization;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Webook.Core.Articles.Storage;

/// <summary>
/// Deletes content blobs that no row names (a draft blob not named by its draft row, a public blob not named by a
/// published row that is published): what a save left when its clean-up could not run (storage down, process killed).
/// Blobs younger than Articles:SweepGracePeriod are kept, so saves in flight keep theirs. Scheduled by
/// Articles:SweepSchedule in both hosts.
/// </summary>
public sealed class ArticleBlobSweep(ArticleRows rows, ArticleBlobs blobs, TimeProvider time, IOptions<ArticleOptions> options,
    ILogger<ArticleBlobSweep> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var olderThan = time.GetUtcNow() - options.Value.SweepGracePeriod;
        // {author}/{id}/{contentKey}.html
        var deleted = await SweepAsync(await blobs.DraftsAsync(ct), olderThan, 3, async parts =>
            Id(parts[0]) is { } authorId && Id(parts[1]) is { } id
            && (await rows.ReadDraftAsync(authorId, id, ct))?.ContentKey + ".html" != parts[2], ct);
        // {id}/{contentKey}.html
        deleted += await SweepAsync(await blobs.PublishedAsync(ct), olderThan, 2, async parts =>
            Id(parts[0]) is { } id
            && (await rows.ReadPublishedAsync(id, ct) is not { Status: (int)ArticleStatus.Published } row || row.ContentKey + ".html" != parts[1]), ct);
        if (deleted > 0) logger.LogInformation("Deleted {Count} orphan article blobs", deleted);
        return deleted;
    }

    private static async Task<int> SweepAsync(BlobContainerClient container, DateTimeOffset olderThan, int nameParts,
        Func<string[], Task<bool>> isOrphan, CancellationToken ct)
    {
        var deleted = 0;
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: ct))
        {
            var parts = blob.Name.Split('/');
            if (blob.Properties.CreatedOn >= olderThan || parts.Length != nameParts || !await isOrphan(parts)) continue;
            await container.GetBlobClient(blob.Name).DeleteIfExistsAsync(cancellationToken: ct);
            deleted++;
        }
        return deleted;
    }

    private static long? Id(string part) => long.TryParse(part, CultureInfo.InvariantCulture, out var id) ? id : null;
}
