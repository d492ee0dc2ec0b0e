using System.Text;
using Webook.Core.Common;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using Webook.Core.Interactions;

namespace Webook.UnitTests.Interactions;

public sealed class ReadEventBatchHandlerTests
{
    private readonly IInteractionStore _store = Substitute.For<IInteractionStore>();
    private readonly IMeterFactory _meters = TestMeters.NewFactory();
    private readonly ReadEventBatchHandler _handler;

    public ReadEventBatchHandlerTests()
    {
        _handler = new ReadEventBatchHandler(
            new InteractionRepository(_store, Substitute.For<ICountCache>(), Substitute.For<IReaderStateCache>(), Substitute.For<ICountsMirror>(), new CacheMetrics(TestMeters.Factory), NullLogger<InteractionRepository>.Instance),
            new ReadEventMetrics(_meters), Options.Create(new InteractionOptions()), TimeProvider.System,
            NullLogger<ReadEventBatchHandler>.Instance);
    }

    [Fact]
    public async Task Events_are_folded_into_one_change_per_article_with_every_position_and_malformed_ones_are_skipped()
    {
        var batch = new List<ReadEventMessage>
        {
            Read(10, offset: 0), Read(20, offset: 1), Read(10, offset: 2),
            new(new EventPosition("t", 0, 3), "{not json"u8.ToArray()), new(new EventPosition("t", 0, 4), null),
            new(new EventPosition("t", 0, 5), """{"uid":1,"aid":0,"at":0}"""u8.ToArray()),
            Read(10, offset: 6),
        };

        using var articles = TestMeters.Collect<long>(_meters, ReadEventMetrics.MeterName, "webook.read_events.articles");
        await _handler.HandleAsync(batch, default);

        Assert.Equal(["2"], TestMeters.Describe(articles));
        await _store.Received(1).AddReadsAsync(10, Arg.Is<IReadOnlyCollection<EventPosition>>(p => p.Select(x => x.Offset).SequenceEqual(new long[] { 0, 2, 6 })), Arg.Any<CancellationToken>());
        await _store.Received(1).AddReadsAsync(20, Arg.Is<IReadOnlyCollection<EventPosition>>(p => p.Single().Offset == 1), Arg.Any<CancellationToken>());
        Assert.Equal(2, _store.ReceivedCalls().Count());
    }

    [Fact]
    public async Task A_batch_with_an_article_that_cannot_be_written_fails_so_it_is_not_committed()
    {
        _store.AddReadsAsync(20, Arg.Any<IReadOnlyCollection<EventPosition>>(), Arg.Any<CancellationToken>())
            .Returns<InteractionCounts?>(_ => throw new InvalidOperationException("table down"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => _handler.HandleAsync([Read(10, 0), Read(20, 1)], default));
    }

    private static ReadEventMessage Read(long article, long offset) =>
        new(new EventPosition("t", 0, offset), Encoding.UTF8.GetBytes($$"""{"uid":1,"aid":{{article}},"at":0}"""));
}
