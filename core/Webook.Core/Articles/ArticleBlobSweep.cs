using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Webook.Core.Articles;

/// <summary>
/// Deletes content blobs that no row names: what a save left when its clean-up could not run (storage
/// down, process killed). Blobs younger than Articles:SweepGracePeriod are kept, so saves in flight keep
/// theirs. Scheduled by Articles:SweepSchedule in both hosts.
/// </summary>
public sealed class ArticleBlobSweep(IArticleStore store, TimeProvider time, IOptions<ArticleOptions> options, ILogger<ArticleBlobSweep> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var deleted = await store.DeleteOrphanBlobsAsync(time.GetUtcNow() - options.Value.SweepGracePeriod, ct);
        if (deleted > 0) logger.LogInformation("Deleted {Count} orphan article blobs", deleted);
        return deleted;
    }
}
