using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Accounts;
using Webook.Core.Comments;
using Webook.Core.Interactions;
using Webook.Core.Observability;

namespace Webook.Core.Ranking;

/// <summary>Computes the hot list and publishes it; both hosts run it on the HotList:Schedule.</summary>
public interface IHotListJob
{
    Task<IReadOnlyList<HotArticle>> RunAsync(CancellationToken ct);
}

/// <summary>
/// Keeps the window's candidates in process (<see cref="HotListSnapshot"/>) and brings them up to date from the journal:
/// a run reads the published rows and counts of the articles that changed since the last run, and nothing else. It
/// rebuilds instead (the published table a page at a time, counts from the mirror a page at a time) when it has no
/// snapshot, when the journal was lost or trimmed past it, and every HotList:RebuildInterval; a rebuild is saved as the
/// checkpoint and the journal trimmed through it, so an instance without a snapshot starts from the checkpoint and the
/// changes since (a lease handover costs what changed, not a scan) while it is valid. Then it ranks every
/// candidate by the score at this moment (ages move on even when nothing changed), reads the text of new winners
/// only, and publishes the list to this instance and Redis.
/// </summary>
public sealed class HotListJob(
    IRecentlyPublished articles, IInteractionStore interactions, ICommentStore comments, IHotListJournal journal, IHotListCheckpoint checkpoint,
    ICountsMirror mirror, ICommentCountsMirror commentsMirror, UserProfiles users, HotListCache cache, IOptions<HotListOptions> options, TimeProvider time, HotListMetrics metrics, ILogger<HotListJob> logger) : IHotListJob, IDisposable
{
    private readonly SemaphoreSlim _oneRunAtATime = new(1, 1);
    private HotListSnapshot? _snapshot;

    public async Task<IReadOnlyList<HotArticle>> RunAsync(CancellationToken ct)
    {
        using var span = WebookTelemetry.Source.StartActivity("hot-list job");
        await _oneRunAtATime.WaitAsync(ct);
        var started = time.GetTimestamp();
        var run = new RunCost();
        try
        {
            var list = await ComputeAndPublishAsync(run, ct);
            metrics.Completed(time.GetElapsedTime(started), run.Candidates, run.TableCalls, run.Rebuilt);
            span?.SetTag("webook.hotlist.candidates", run.Candidates);
            span?.SetTag("webook.hotlist.table_calls", run.TableCalls);
            span?.SetTag("webook.hotlist.rebuilt", run.Rebuilt);
            logger.LogInformation("Hot list: {Count} articles out of {Candidates} candidates, {TableCalls} table calls ({Kind})",
                list.Count, run.Candidates, run.TableCalls, run.Rebuilt ? "rebuilt" : run.FromCheckpoint ? "checkpoint and changes" : "changes only");
            return list;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            metrics.Failed();
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
        finally
        {
            _oneRunAtATime.Release();
        }
    }

    /// <summary>What one run cost: the table calls it made and the candidates it ranked.</summary>
    public sealed class RunCost
    {
        private int _tableCalls;
        public int TableCalls => _tableCalls;
        public int Candidates { get; set; }
        public bool Rebuilt { get; set; }
        public bool FromCheckpoint { get; set; }
        public void Called(int calls = 1) => Interlocked.Add(ref _tableCalls, calls);
    }

    private async Task<IReadOnlyList<HotArticle>> ComputeAndPublishAsync(RunCost run, CancellationToken ct)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var since = now - settings.Window;
        var snapshot = _snapshot;
        if (snapshot is null && (snapshot = await LoadCheckpointAsync(ct)) is not null) run.FromCheckpoint = true;
        var changes = await journal.ReadAsync(snapshot?.Sequence, ct);
        if (snapshot is null || snapshot.Epoch != changes.Epoch || snapshot.Sequence < changes.TrimmedThrough || now - snapshot.BuiltAt >= settings.RebuildInterval)
        {
            run.Rebuilt = true;
            run.FromCheckpoint = false;
            _snapshot = snapshot = await RebuildAsync(changes, since, now, run, ct);
            await SaveCheckpointAsync(snapshot, ct);
        }
        else
        {
            await ApplyAsync(snapshot, changes, since, run, ct);
            snapshot.Sequence = changes.Sequence;
            _snapshot = snapshot;
        }

        snapshot.DropOlderThan(since);
        run.Candidates = snapshot.Count;
        var winners = snapshot.Top(settings.Size, now, settings.Gravity);
        var list = await ListAsync(snapshot, winners, run, ct);
        await cache.PublishAsync(list, ct);
        // Only through a rebuild's number: the checkpoint stays valid, and the journal holds what changed since (one
        // member per article changed, however often).
        if (run.Rebuilt) await TrimAsync(changes.Sequence, ct);
        return list;
    }

    private async Task<HotListSnapshot> RebuildAsync(HotListChanges changes, DateTimeOffset since, DateTimeOffset now, RunCost run, CancellationToken ct)
    {
        // The journal was read first: whatever changes during the scan is numbered after it and read by the next run.
        var snapshot = new HotListSnapshot(changes.Epoch, changes.Sequence, now);
        // A page's counts are read while the next page is fetched: one page's counts in flight at a time.
        (List<PublishedStamp> Page, Task<Tally[]> Counts)? previous = null;
        try
        {
            await foreach (var page in articles.SinceAsync(since, options.Value.PageSize, ct))
            {
                run.Called();
                if (previous is { } done) Put(snapshot, done.Page, await done.Counts);
                var inWindow = page.Where(a => a.UpdatedAt >= since).ToList();
                previous = (inWindow, CountsAsync(inWindow.Select(a => a.Id).ToList(), run, ct));
            }
        }
        catch when (previous is { } abandoned)
        {
            // The scan failed: the counts still in flight are not wanted, and neither is their own failure.
            _ = abandoned.Counts.ContinueWith(read => read.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }
        if (previous is { } last) Put(snapshot, last.Page, await last.Counts);
        return snapshot;
    }

    private static void Put(HotListSnapshot snapshot, List<PublishedStamp> page, Tally[] counts)
    {
        for (var i = 0; i < page.Count; i++) snapshot.Put(page[i], counts[i].Likes, counts[i].Reads, counts[i].Comments);
    }

    private async Task ApplyAsync(HotListSnapshot snapshot, HotListChanges changes, DateTimeOffset since, RunCost run, CancellationToken ct)
    {
        foreach (var id in changes.Articles) snapshot.Remove(id);
        var republished = changes.Articles.Count == 0 ? [] : await articles.FindAsync(changes.Articles, options.Value.ReadConcurrency, ct);
        run.Called(changes.Articles.Count);
        var fresh = republished.Where(a => a.UpdatedAt >= since).ToList();
        var changed = changes.Counts.Where(snapshot.Contains).ToList();
        var counts = await CountsAsync([.. fresh.Select(a => a.Id), .. changed], run, ct);
        for (var i = 0; i < fresh.Count; i++)
        {
            snapshot.Put(fresh[i].Stamp, counts[i].Likes, counts[i].Reads, counts[i].Comments);
            snapshot.Listed[fresh[i].Id] = fresh[i];
        }
        for (var i = 0; i < changed.Count; i++) snapshot.Recount(changed[i], counts[fresh.Count + i].Likes, counts[fresh.Count + i].Reads, counts[fresh.Count + i].Comments);
    }

    private readonly record struct Tally(long Likes, long Reads, long Comments);

    /// <summary>
    /// From the mirror; what it lacks (never counted or commented since the mirror began) from the tables, one call per
    /// part missing, and given to the mirror.
    /// </summary>
    private async Task<Tally[]> CountsAsync(IReadOnlyList<long> ids, RunCost run, CancellationToken ct)
    {
        var mirrored = await journal.CountsAsync(ids, ct);
        var tallies = new Tally[ids.Count];
        var missing = new List<int>();
        for (var i = 0; i < ids.Count; i++)
            if (mirrored[i] is { Counts: { } counts, Comments: { } commented }) tallies[i] = new Tally(counts.Likes, counts.Reads, commented.Count);
            else missing.Add(i);
        await Parallel.ForEachAsync(missing, new ParallelOptions { MaxDegreeOfParallelism = options.Value.ReadConcurrency, CancellationToken = ct },
            async (i, token) =>
            {
                var counts = mirrored[i].Counts;
                if (counts is null)
                {
                    run.Called();
                    var read = await interactions.GetCountsAsync(ids[i], token);
                    counts = new MirroredCounts(read.Version, read.Likes, read.Reads);
                    mirror.Offer(read);
                }
                var commented = mirrored[i].Comments;
                if (commented is null)
                {
                    run.Called();
                    var read = await comments.CountAsync(ids[i], token);
                    commented = new MirroredComments(read.Version, read.Count);
                    commentsMirror.Offer(read);
                }
                tallies[i] = new Tally(counts.Value.Likes, counts.Value.Reads, commented.Value.Count);
            });
        return tallies;
    }

    private async Task<IReadOnlyList<HotArticle>> ListAsync(HotListSnapshot snapshot, List<HotCandidate> winners, RunCost run, CancellationToken ct)
    {
        var settings = options.Value;
        var unread = winners.Select(w => w.Article.Id).Where(id => !snapshot.Listed.ContainsKey(id)).ToList();
        if (unread.Count > 0)
        {
            run.Called(unread.Count);
            foreach (var summary in await articles.FindAsync(unread, settings.ReadConcurrency, ct)) snapshot.Listed[summary.Id] = summary;
        }
        var unnamed = winners.Select(w => w.Article.AuthorId).Distinct().Where(id => !snapshot.AuthorNames.ContainsKey(id)).ToList();
        var names = new string[unnamed.Count];
        await Parallel.ForAsync(0, unnamed.Count, new ParallelOptions { MaxDegreeOfParallelism = settings.ReadConcurrency, CancellationToken = ct },
            async (i, token) => names[i] = (await users.FindByIdAsync(unnamed[i], token))?.Nickname ?? "");
        for (var i = 0; i < unnamed.Count; i++) snapshot.AuthorNames[unnamed[i]] = names[i];

        // A winner whose row was found unpublished was withdrawn after the journal was read; its mark comes next run.
        var list = winners.Where(w => snapshot.Listed.ContainsKey(w.Article.Id)).Select(w =>
        {
            var text = snapshot.Listed[w.Article.Id];
            return new HotArticle(w.Article.Id, text.Title, text.Abstract, new HotAuthor(w.Article.AuthorId, snapshot.AuthorNames[w.Article.AuthorId]),
                w.Likes, w.Reads, w.Comments, w.Article.UpdatedAt.ToUnixTimeMilliseconds());
        }).ToList();
        snapshot.KeepTextOf(winners);
        return list;
    }

    private async Task<HotListSnapshot?> LoadCheckpointAsync(CancellationToken ct)
    {
        try
        {
            return await checkpoint.LoadAsync(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not read the hot-list checkpoint; this run rebuilds from the table");
            return null;
        }
    }

    private async Task SaveCheckpointAsync(HotListSnapshot snapshot, CancellationToken ct)
    {
        try
        {
            await checkpoint.SaveAsync(snapshot, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not save the hot-list checkpoint; an instance without a snapshot rebuilds from the table");
        }
    }

    private async Task TrimAsync(long through, CancellationToken ct)
    {
        try
        {
            await journal.TrimAsync(through, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not trim the hot-list journal; the next run reads the same changes again");
        }
    }

    public void Dispose() => _oneRunAtATime.Dispose();
}
