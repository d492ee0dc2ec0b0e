using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Webook.Core.Common;
using Webook.Core.Interactions;

namespace Webook.UnitTests.Interactions;

public sealed class InteractionRepositoryTests
{
    private readonly IInteractionStore _store = Substitute.For<IInteractionStore>();
    private readonly ICountCache _cache = Substitute.For<ICountCache>();
    private readonly IReaderStateCache _readers = Substitute.For<IReaderStateCache>();
    private readonly ICountsMirror _mirror = Substitute.For<ICountsMirror>();
    private readonly FakeLogger<InteractionRepository> _logger = new();

    private InteractionRepository Repository => new(_store, _cache, _readers, _mirror, new CacheMetrics(TestMeters.Factory), _logger);

    [Fact]
    public async Task A_cache_write_that_cannot_be_sent_does_not_fail_the_change_and_its_warning_names_the_cache_and_the_article()
    {
        var counts = new InteractionCounts(42, 3, 0, 1, 0);
        _store.SetLikeAsync(42, 3, 7, true, Arg.Any<CancellationToken>()).Returns(counts);
        _cache.When(c => c.SetIfNewer(counts)).Throw(new InvalidOperationException("no connection"));
        _readers.When(r => r.Changed(42, 7, 3)).Throw(new InvalidOperationException("no connection"));
        _mirror.When(m => m.Offer(counts)).Throw(new InvalidOperationException("no connection"));

        Assert.Equal(counts, await Repository.SetLikeAsync(42, 3, 7, true, default));

        var warnings = _logger.Collector.GetSnapshot();
        Assert.Equal(3, warnings.Count);
        Assert.All(warnings, w => Assert.Equal(LogLevel.Warning, w.Level));
        Assert.Equal(
        [
            "Could not send the counts cache write of article 42; the request goes on, and that cache keeps what it had (a miss, or an older entry until its lifetime ends)",
            "Could not send the hot_list_counts cache write of article 42; the request goes on, and that cache keeps what it had (a miss, or an older entry until its lifetime ends)",
            "Could not send the reader_state cache write of article 42; the request goes on, and that cache keeps what it had (a miss, or an older entry until its lifetime ends)",
        ], warnings.Select(w => w.Message));
    }

    [Fact]
    public async Task Every_change_the_table_accepts_goes_to_the_hot_list_mirror_and_a_refused_one_does_not()
    {
        var liked = new InteractionCounts(42, 3, 0, 1, 0);
        var read = new InteractionCounts(42, 4, 1, 1, 0);
        _store.SetLikeAsync(42, 3, 7, true, Arg.Any<CancellationToken>()).Returns(liked, (InteractionCounts?)null);
        _store.AddReadsAsync(42, Arg.Any<IReadOnlyCollection<EventPosition>>(), Arg.Any<CancellationToken>()).Returns(read);

        await Repository.SetLikeAsync(42, 3, 7, true, default);
        await Repository.SetLikeAsync(42, 3, 7, true, default);
        await Repository.AddReadsAsync(42, [new EventPosition("reads", 0, 9)], default);

        Assert.Equal([liked, read], _mirror.ReceivedCalls().Select(c => (InteractionCounts)c.GetArguments()[0]!));
    }

    [Fact]
    public async Task A_counts_read_from_the_table_is_returned_when_the_cache_write_cannot_be_sent()
    {
        var counts = new InteractionCounts(42, 3, 5, 1, 0);
        _store.GetCountsAsync(42, Arg.Any<CancellationToken>()).Returns(counts);
        _cache.When(c => c.SetIfNewer(counts)).Throw(new InvalidOperationException("no connection"));

        Assert.Equal(counts, await Repository.GetCountsAsync(42, default));

        Assert.Contains("counts cache write of article 42", Assert.Single(_logger.Collector.GetSnapshot()).Message);
    }
}
