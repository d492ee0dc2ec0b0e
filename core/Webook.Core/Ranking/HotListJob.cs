using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Accounts;
using Webook.Core.Common;
using Webook.Core.Interactions;
using Webook.Core.Observability;

namespace Webook.Core.Ranking;

/// <summary>Computes the hot list and publishes it; both hosts run it on the HotList:Schedule.</summary>
public interface IHotListJob
{
    Task<IReadOnlyList<HotArticle>> RunAsync(CancellationToken ct);
}

/// <summary>
/// Scans the published articles of the window page by page, scores each with its like count from the
/// table, and keeps the best HotList:Size in a min-heap (O(total log N) time, O(N) memory); then names the
/// authors of the winners only, and publishes the list to this instance and Redis.
/// </summary>
public sealed class HotListJob(
    IRecentlyPublished articles, IInteractionStore interactions, UserProfiles users, HotListCache cache,
    IOptions<HotListOptions> options, TimeProvider time, HotListMetrics metrics, ILogger<HotListJob> logger) : IHotListJob
{
    public async Task<IReadOnlyList<HotArticle>> RunAsync(CancellationToken ct)
    {
        using var span = WebookTelemetry.Source.StartActivity("hot-list job");
        var started = time.GetTimestamp();
        try
        {
            var (list, scanned) = await ComputeAndPublishAsync(ct);
            metrics.Completed(time.GetElapsedTime(started), scanned);
            span?.SetTag("webook.hotlist.scanned", scanned);
            logger.LogInformation("Hot list: {Count} articles out of {Scanned} scanned", list.Count, scanned);
            return list;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            metrics.Failed();
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }

    private async Task<(IReadOnlyList<HotArticle> List, int Scanned)> ComputeAndPublishAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var since = now - settings.Window;
        var top = new TopN<HotCandidate>(settings.Size, c => c.Score, HotScore.Order);
        var scanned = 0;
        await foreach (var page in articles.SinceAsync(since, settings.PageSize, ct))
        {
            var scored = new HotCandidate[page.Count];
            await Parallel.ForAsync(0, page.Count, new ParallelOptions { MaxDegreeOfParallelism = settings.ReadConcurrency, CancellationToken = ct },
                async (i, token) =>
                {
                    var counts = await interactions.GetCountsAsync(page[i].Id, token);
                    scored[i] = new HotCandidate(page[i], counts.Likes, counts.Reads, HotScore.Of(counts.Likes, page[i].UpdatedAt, now, settings.Gravity));
                });
            foreach (var candidate in scored)
                if (candidate.Article.UpdatedAt >= since) top.Offer(candidate);
            scanned += page.Count;
        }

        var winners = top.Descending();
        var list = new HotArticle[winners.Count];
        await Parallel.ForAsync(0, winners.Count, new ParallelOptions { MaxDegreeOfParallelism = settings.ReadConcurrency, CancellationToken = ct },
            async (i, token) =>
            {
                var (article, likes, reads, _) = winners[i];
                var author = await users.FindByIdAsync(article.AuthorId, token);
                list[i] = new HotArticle(article.Id, article.Title, article.Abstract, new HotAuthor(article.AuthorId, author?.Nickname ?? ""),
                    likes, reads, article.UpdatedAt.ToUnixTimeMilliseconds());
            });
        await cache.PublishAsync(list, ct);
        return (list, scanned);
    }
}
