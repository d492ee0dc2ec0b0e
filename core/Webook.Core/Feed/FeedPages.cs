namespace Webook.Core.Feed;

/// <summary>
/// Makes a page out of several lists newest first (an inbox and the boxes of pulled authors; the latest): merged by
/// (publication time, id), the same entry met in two lists taken once, and every entry checked against the article as
/// published now, so a withdrawn article, or an earlier publication of one published again, never shows. A page holds
/// <c>limit</c> articles and then any more of its last article's millisecond, so the next page (strictly older than
/// that millisecond) skips none of them.
/// </summary>
public sealed class FeedPages(IFeedArticles articles)
{
    public async Task<IReadOnlyList<FeedArticle>> PageAsync(IReadOnlyList<IAsyncEnumerable<FeedEntry>> lists, int limit, Func<FeedEntry, bool> keep,
        CancellationToken ct)
    {
        var cursors = lists.Select(l => l.GetAsyncEnumerator(ct)).ToList();
        try
        {
            // The newest entry first: the queue's least priority is the greatest (time, id).
            var queue = new PriorityQueue<int, (long, long)>();
            var started = await Task.WhenAll(cursors.Select(c => c.MoveNextAsync().AsTask()));
            for (var i = 0; i < cursors.Count; i++)
                if (started[i]) queue.Enqueue(i, Order(cursors[i].Current));
            var page = new List<FeedArticle>();
            (long, long)? last = null;
            var full = false;
            while (queue.Count > 0 && !full)
            {
                // Up to what the page still lacks; once full, one at a time, while they share the last one's millisecond.
                var wanted = Math.Max(1, limit - page.Count);
                var chunk = new List<FeedEntry>();
                while (chunk.Count < wanted && queue.TryDequeue(out var i, out var order))
                {
                    var entry = cursors[i].Current;
                    if (await cursors[i].MoveNextAsync()) queue.Enqueue(i, Order(cursors[i].Current));
                    if (order == last) continue;
                    last = order;
                    if (page.Count >= limit && entry.PublishedAt != page[^1].PublishedAt)
                    {
                        full = true;
                        break;
                    }
                    if (keep(entry)) chunk.Add(entry);
                }
                if (chunk.Count == 0) continue;
                var published = (await articles.PublishedAsync(chunk.Select(e => e.ArticleId).ToList(), ct)).ToDictionary(a => a.Id);
                page.AddRange(chunk.Select(e => published.GetValueOrDefault(e.ArticleId))
                    .Where((a, n) => a is not null && a.PublishedAt == chunk[n].PublishedAt && a.AuthorId == chunk[n].AuthorId)!);
            }
            return page;
        }
        finally
        {
            foreach (var cursor in cursors) await cursor.DisposeAsync();
        }
    }

    private static (long, long) Order(FeedEntry e) => (-e.PublishedAt, -e.ArticleId);
}
