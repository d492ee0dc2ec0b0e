using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Webook.Core.Accounts;
using Webook.Core.Comments;
using Webook.Core.Common;
using Webook.Core.Interactions;
using Webook.Core.Ranking;

namespace Webook.UnitTests.Ranking;

/// <summary>
/// The job against a small world in memory: published rows, the counts and comment tables and the journal, each a substitute that
/// reads the world and counts its calls. Every list is compared with a brute-force sort of the world at that moment.
/// </summary>
public sealed class HotListJobTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly HotListOptions _options = new() { Size = 10, PageSize = 7, Window = TimeSpan.FromDays(7), RebuildInterval = TimeSpan.FromDays(2) };
    private readonly Dictionary<long, PublishedSummary> _published = [];
    private readonly Dictionary<long, InteractionCounts> _table = [];
    private readonly Dictionary<long, MirroredCounts> _mirror = [];
    private readonly Dictionary<long, CommentCount> _commentTable = [];
    private readonly Dictionary<long, MirroredComments> _commentMirror = [];
    private readonly List<(char Kind, long Id)> _changes = [];
    private string _epoch = "first";
    private long _trimmed;
    private readonly IRecentlyPublished _articles = Substitute.For<IRecentlyPublished>();
    private readonly IInteractionStore _interactions = Substitute.For<IInteractionStore>();
    private readonly IHotListJournal _journal = Substitute.For<IHotListJournal>();
    private readonly ICountsMirror _counts = Substitute.For<ICountsMirror>();
    private readonly ICommentStore _comments = Substitute.For<ICommentStore>();
    private readonly ICommentCountsMirror _commentCounts = Substitute.For<ICommentCountsMirror>();
    private readonly MemoryCheckpoint _checkpoint = new();
    private readonly IHotListStore _shared = Substitute.For<IHotListStore>();
    private readonly IUserStore _userStore = Substitute.For<IUserStore>();
    private readonly HotListCache _cache;
    private readonly HotListJob _job;

    public HotListJobTests()
    {
        _articles.SinceAsync(Arg.Any<DateTimeOffset>(), _options.PageSize, Arg.Any<CancellationToken>()).Returns(call =>
            // The table's clock may hand back rows just outside the window: the job checks again.
            _published.Values.Where(a => a.UpdatedAt >= call.Arg<DateTimeOffset>() - TimeSpan.FromHours(1)).Select(a => a.Stamp)
                .Chunk(_options.PageSize).Select(p => (IReadOnlyList<PublishedStamp>)p).ToList().ToAsyncEnumerable());
        _articles.FindAsync(Arg.Any<IReadOnlyCollection<long>>(), Arg.Any<int>(), Arg.Any<CancellationToken>()).Returns(call =>
            (IReadOnlyList<PublishedSummary>)call.Arg<IReadOnlyCollection<long>>().Where(_published.ContainsKey).Select(id => _published[id]).ToList());
        _interactions.GetCountsAsync(Arg.Any<long>(), Arg.Any<CancellationToken>()).Returns(call => Counts(call.Arg<long>()));
        _counts.When(m => m.Offer(Arg.Any<InteractionCounts>())).Do(call => Mirror(call.Arg<InteractionCounts>()));
        _comments.CountAsync(Arg.Any<long>(), Arg.Any<CancellationToken>()).Returns(call => CommentsOf(call.Arg<long>()));
        _commentCounts.When(m => m.Offer(Arg.Any<CommentCount>())).Do(call => Mirror(call.Arg<CommentCount>()));
        _journal.ReadAsync(Arg.Any<long?>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            var after = call.Arg<long?>();
            var changes = after is null ? [] : _changes.Skip((int)after.Value).ToList();
            return new HotListChanges(_epoch, _changes.Count, _trimmed,
                changes.Where(c => c.Kind == 'a').Select(c => c.Id).Distinct().ToList(), changes.Where(c => c.Kind is 'c' or 'm').Select(c => c.Id).Distinct().ToList());
        });
        _journal.CountsAsync(Arg.Any<IReadOnlyList<long>>(), Arg.Any<CancellationToken>()).Returns(call =>
        {
            lock (_mirror)
                return call.Arg<IReadOnlyList<long>>().Select(id => new MirroredTally(_mirror.TryGetValue(id, out var c) ? c : null,
                    _commentMirror.TryGetValue(id, out var m) ? m : null)).ToArray();
        });
        _userStore.FindByIdAsync(Arg.Any<long>(), Arg.Any<CancellationToken>()).Returns(call => new User { Id = call.Arg<long>(), Nickname = "n" + call.Arg<long>() });
        _cache = new HotListCache(_shared, Options.Create(_options), _time, new CacheMetrics(TestMeters.Factory), NullLogger<HotListCache>.Instance);
        _job = NewJob(new HotListMetrics(TestMeters.Factory));
    }

    private HotListJob NewJob(HotListMetrics metrics) => new(_articles, _interactions, _comments, _journal, _checkpoint, _counts, _commentCounts,
        new UserProfiles(_userStore, Substitute.For<IUserCache>(), new CacheMetrics(TestMeters.Factory), TimeProvider.System, NullLogger<UserProfiles>.Instance),
        _cache, Options.Create(_options), _time, metrics, NullLogger<HotListJob>.Instance);

    [Fact]
    public async Task A_first_run_rebuilds_from_the_table_reads_the_counts_the_mirror_lacks_and_gives_them_to_it()
    {
        var random = new Random(7);
        for (var id = 1; id <= 60; id++) Publish(id, Start.AddHours(-random.Next(0, 24 * 7)));
        for (var id = 100; id < 105; id++) Publish(id, Start.AddDays(-8));
        foreach (var id in _published.Keys) Like(id, id >= 100 ? 1_000_000 : random.Next(0, 6), mirrored: id % 2 == 0);
        foreach (var id in _published.Keys.Where(id => id % 4 != 0)) Comment(id, random.Next(0, 9), mirrored: id % 3 == 0);

        var list = await _job.RunAsync(default);

        Assert.Equal(BruteForce(), list.Select(h => h.Id).ToList());
        Assert.All(list, h => Assert.Equal(("n" + h.Author.Id, _table[h.Id].Likes, _table[h.Id].Reads, CommentsOf(h.Id).Count, _published[h.Id].Title),
            (h.Author.Name, h.LikeCnt, h.ReadCnt, h.CommentCnt, h.Title)));
        var oddInWindow = _published.Keys.Count(id => id < 100 && id % 2 == 1);
        await _interactions.Received(oddInWindow).GetCountsAsync(Arg.Any<long>(), Arg.Any<CancellationToken>());
        // Never commented (no count row yet) is a count too, version 0: the mirror keeps it and the next rebuild asks no table.
        var uncommentedInWindow = _published.Keys.Count(id => id < 100 && !(id % 4 != 0 && id % 3 == 0));
        await _comments.Received(uncommentedInWindow).CountAsync(Arg.Any<long>(), Arg.Any<CancellationToken>());
        Assert.All(_published.Keys.Where(id => id < 100), id => Assert.True(_mirror.ContainsKey(id) && _commentMirror.ContainsKey(id)));
        await _shared.Received(1).SetAsync(list, Arg.Any<CancellationToken>());
        Assert.Same(list, await _cache.GetAsync(default));
        await _journal.Received(1).TrimAsync(0, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_run_after_nothing_changed_makes_no_table_call_and_still_ranks_by_the_age_at_its_own_time()
    {
        // An old article with many likes and a new one with few: as hours pass the new one falls below.
        Publish(1, Start.AddDays(-3));
        Publish(4, Start.AddMinutes(-1)); // by the same author
        Like(1, 400, mirrored: true);
        Like(4, 10, mirrored: true);
        _options.Size = 1;
        Assert.Equal([4], (await _job.RunAsync(default)).Select(h => h.Id));
        _articles.ClearReceivedCalls();
        _interactions.ClearReceivedCalls();
        _comments.ClearReceivedCalls();
        _userStore.ClearReceivedCalls();

        _time.Advance(TimeSpan.FromHours(20));
        var later = await _job.RunAsync(default);

        Assert.Equal(BruteForce(), later.Select(h => h.Id).ToList());
        Assert.Equal([1], later.Select(h => h.Id));
        Assert.DoesNotContain(_articles.ReceivedCalls(), c => c.GetMethodInfo().Name == nameof(IRecentlyPublished.SinceAsync));
        await _articles.Received(1).FindAsync(Arg.Is<IReadOnlyCollection<long>>(ids => ids.SequenceEqual(new long[] { 1 })), Arg.Any<int>(), Arg.Any<CancellationToken>());
        Assert.Empty(_interactions.ReceivedCalls());
        Assert.Empty(_comments.ReceivedCalls());
        await _userStore.DidNotReceiveWithAnyArgs().FindByIdAsync(default, default);
    }

    [Fact]
    public async Task A_run_reads_only_what_the_journal_names_and_lists_what_a_full_recompute_would()
    {
        var random = new Random(11);
        for (var id = 1; id <= 80; id++) Publish(id, Start.AddHours(-random.Next(0, 24 * 7)));
        foreach (var id in _published.Keys) Like(id, random.Next(0, 50), mirrored: true);
        foreach (var id in _published.Keys) Comment(id, random.Next(0, 5), mirrored: true);
        await _job.RunAsync(default);
        _articles.ClearReceivedCalls();
        _interactions.ClearReceivedCalls();
        _comments.ClearReceivedCalls();

        var unmirrored = new HashSet<long>();
        for (var round = 0; round < 5; round++)
        {
            _time.Advance(TimeSpan.FromMinutes(random.Next(1, 120)));
            for (var i = 0; i < 15; i++)
            {
                var id = random.Next(1, 90);
                switch (random.Next(5))
                {
                    case 0: Publish(id, _time.GetUtcNow()); Change('a', id); if (!_mirror.ContainsKey(id)) unmirrored.Add(id); break; // new or republished
                    case 1: if (_published.Remove(id)) Change('a', id); break;                                   // withdrawn
                    case 2: Comment(id, random.Next(0, 30), mirrored: true); Change('m', id); break;           // commented or a comment deleted
                    default: Like(id, random.Next(0, 500), mirrored: true); Change('c', id); break;            // liked or taken back
                }
            }
            var list = await _job.RunAsync(default);

            Assert.Equal(BruteForce(), list.Select(h => h.Id).ToList());
            Assert.All(list, h => Assert.Equal((Counts(h.Id).Likes, CommentsOf(h.Id).Count, _published[h.Id].Title), (h.LikeCnt, h.CommentCnt, h.Title)));
        }
        _articles.DidNotReceiveWithAnyArgs().SinceAsync(default, default, default);
        // Counts come from the mirror; the tables only for articles never counted before.
        Assert.All(_interactions.ReceivedCalls(), c => Assert.Contains((long)c.GetArguments()[0]!, unmirrored));
        Assert.All(_comments.ReceivedCalls(), c => Assert.Contains((long)c.GetArguments()[0]!, unmirrored));
    }

    [Fact]
    public async Task Another_instance_starts_from_the_last_rebuilds_checkpoint_and_the_changes_since_without_a_scan()
    {
        var random = new Random(13);
        for (var id = 1; id <= 40; id++) Publish(id, Start.AddHours(-random.Next(0, 24 * 7)));
        foreach (var id in _published.Keys) Like(id, random.Next(0, 50), mirrored: true);
        await _job.RunAsync(default);
        Assert.Equal(_published.Count, _checkpoint.Saved?.Count);
        for (var i = 0; i < 20; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(random.Next(1, 30)));
            var id = random.Next(1, 50);
            if (random.Next(3) == 0) { Publish(id, _time.GetUtcNow()); Mirror(Counts(id)); Change('a', id); }
            else { Like(id, random.Next(0, 500), mirrored: true); Change('c', id); }
            // The first instance goes on from its own snapshot and never trims past the checkpoint.
            Assert.Equal(BruteForce(), (await _job.RunAsync(default)).Select(h => h.Id).ToList());
        }
        _articles.ClearReceivedCalls();

        var list = await NewJob(new HotListMetrics(TestMeters.Factory)).RunAsync(default);

        Assert.Equal(BruteForce(), list.Select(h => h.Id).ToList());
        Assert.All(list, h => Assert.Equal((Counts(h.Id).Likes, _published[h.Id].Title), (h.LikeCnt, h.Title)));
        _articles.DidNotReceiveWithAnyArgs().SinceAsync(default, default, default);
        await _journal.Received(1).TrimAsync(Arg.Any<long>(), Arg.Any<CancellationToken>());
        await _journal.Received().ReadAsync(0, Arg.Any<CancellationToken>());
    }

    // The same instance's snapshot, or another instance's checkpoint, of a lost or trimmed journal, or due, or unreadable.
    [Theory]
    [InlineData("lost", false)]
    [InlineData("trimmed", false)]
    [InlineData("due", false)]
    [InlineData("lost", true)]
    [InlineData("trimmed", true)]
    [InlineData("due", true)]
    [InlineData("unreadable", true)]
    public async Task A_snapshot_or_checkpoint_that_is_no_longer_exact_or_cannot_be_read_gives_way_to_a_scan(string reason, bool anotherInstance)
    {
        Publish(1, Start.AddHours(-1));
        Like(1, 5, mirrored: true);
        await _job.RunAsync(default);
        Publish(2, Start.AddMinutes(-1)); // never journalled: only a rebuild can find it
        Like(2, 50, mirrored: true);
        switch (reason)
        {
            case "lost": _epoch = "second"; break;
            case "trimmed": _trimmed = 1; Change('c', 1); break;
            case "due": _time.Advance(_options.RebuildInterval); break;
            default: _checkpoint.Fails = true; break;
        }

        var list = await (anotherInstance ? NewJob(new HotListMetrics(TestMeters.Factory)) : _job).RunAsync(default);

        Assert.Equal([2, 1], list.Select(h => h.Id));
        _articles.Received(2).SinceAsync(Arg.Any<DateTimeOffset>(), _options.PageSize, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_run_records_its_duration_candidates_and_table_calls_and_a_failed_run_is_counted()
    {
        var meters = TestMeters.NewFactory();
        using var scanned = TestMeters.Collect<long>(meters, HotListMetrics.MeterName, "webook.hot_list.scanned");
        using var calls = TestMeters.Collect<long>(meters, HotListMetrics.MeterName, "webook.hot_list.table_calls");
        using var duration = TestMeters.Collect<double>(meters, HotListMetrics.MeterName, "webook.hot_list.duration");
        using var failures = TestMeters.Collect<long>(meters, HotListMetrics.MeterName, "webook.hot_list.failures");
        Publish(1, Start.AddHours(-1));
        Publish(2, Start.AddHours(-2));
        var job = NewJob(new HotListMetrics(meters));

        await job.RunAsync(default);
        _shared.SetAsync(Arg.Any<IReadOnlyList<HotArticle>>(), Arg.Any<CancellationToken>()).Returns(Task.FromException(new TimeoutException()));
        await Assert.ThrowsAsync<TimeoutException>(() => job.RunAsync(default));

        Assert.Equal(2, Assert.Single(scanned.GetMeasurementSnapshot()).Value);
        // One page, two counts rows and two comment counts the mirror lacked, the two winners' titles.
        Assert.Equal(7, Assert.Single(calls.GetMeasurementSnapshot()).Value);
        Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal(1, Assert.Single(failures.GetMeasurementSnapshot()).Value);
    }

    /// <summary>Keeps a copy of the candidates, as Redis would; Fails makes reading it throw.</summary>
    private sealed class MemoryCheckpoint : IHotListCheckpoint
    {
        public HotListSnapshot? Saved { get; private set; }
        public bool Fails { get; set; }

        public Task SaveAsync(HotListSnapshot snapshot, CancellationToken ct)
        {
            Saved = Copy(snapshot);
            return Task.CompletedTask;
        }

        public Task<HotListSnapshot?> LoadAsync(CancellationToken ct) =>
            Fails ? Task.FromException<HotListSnapshot?>(new TimeoutException()) : Task.FromResult(Saved is null ? null : Copy(Saved));

        private static HotListSnapshot Copy(HotListSnapshot from)
        {
            var copy = new HotListSnapshot(from.Epoch, from.Sequence, from.BuiltAt);
            foreach (var c in from.Candidates) copy.Put(c.Article, c.Likes, c.Reads, c.Comments);
            return copy;
        }
    }

    private void Publish(long id, DateTimeOffset at) => _published[id] = new PublishedSummary(id, id % 3 + 1, "title " + id + "@" + at.ToUnixTimeSeconds(), "abstract", at);

    private void Like(long id, long likes, bool mirrored)
    {
        var counts = new InteractionCounts(id, Counts(id).Version + 1, likes * 3, likes, 0);
        _table[id] = counts;
        if (mirrored) Mirror(counts);
    }

    private void Comment(long id, long count, bool mirrored)
    {
        var comments = new CommentCount(id, CommentsOf(id).Version + 1, count);
        _commentTable[id] = comments;
        if (mirrored) Mirror(comments);
    }

    private CommentCount CommentsOf(long id) => _commentTable.TryGetValue(id, out var count) ? count : new CommentCount(id, 0, 0);

    private void Mirror(CommentCount count)
    {
        lock (_mirror)
            if (!_commentMirror.TryGetValue(count.ArticleId, out var held) || held.Version < count.Version)
                _commentMirror[count.ArticleId] = new MirroredComments(count.Version, count.Count);
    }

    private void Change(char kind, long id) => _changes.Add((kind, id));

    private InteractionCounts Counts(long id) => _table.TryGetValue(id, out var counts) ? counts : InteractionCounts.None(id);

    // The job offers counts from parallel reads (HotList:ReadConcurrency), as to the real mirror.
    private void Mirror(InteractionCounts counts)
    {
        lock (_mirror)
            if (!_mirror.TryGetValue(counts.ArticleId, out var held) || held.Version < counts.Version)
                _mirror[counts.ArticleId] = new MirroredCounts(counts.Version, counts.Likes, counts.Reads);
    }

    private List<long> BruteForce()
    {
        var now = _time.GetUtcNow();
        return _published.Values.Where(a => a.UpdatedAt >= now - _options.Window)
            .Select(a => new HotCandidate(a.Stamp, Counts(a.Id).Likes, 0, 0, HotScore.Of(Counts(a.Id).Likes, a.UpdatedAt, now, _options.Gravity)))
            .OrderByDescending(c => c, HotScore.Order).Take(_options.Size).Select(c => c.Article.Id).ToList();
    }
}
