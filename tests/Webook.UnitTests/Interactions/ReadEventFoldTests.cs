using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Webook.Core.Interactions;

namespace Webook.UnitTests.Interactions;

public sealed class ReadEventFoldTests
{
    private readonly FakeLogger _logger = new();

    [Fact]
    public void Each_article_gets_the_positions_of_its_events_in_batch_order()
    {
        var folded = ReadEventFold.ByArticle(
            [Read(10, 1, 0), Read(20, 0, 1), Read(10, 0, 2), Read(30, 2, 3), Read(10, 0, 4), Read(20, 1, 5)], _logger);

        Assert.Equal([10L, 20, 30], folded.Keys.Order());
        Assert.Equal([new("t", 1, 0), new("t", 0, 2), new EventPosition("t", 0, 4)], folded[10]);
        Assert.Equal([new("t", 0, 1), new EventPosition("t", 1, 5)], folded[20]);
        Assert.Equal([new EventPosition("t", 2, 3)], folded[30]);
        Assert.Equal(0, _logger.Collector.Count);
    }

    [Fact]
    public void Malformed_events_are_skipped_with_a_warning_naming_their_position()
    {
        var folded = ReadEventFold.ByArticle(
        [
            Read(10, 0, 0),
            new(new EventPosition("t", 0, 1), "{not json"),
            new(new EventPosition("t", 0, 2), null),
            new(new EventPosition("t", 0, 3), """{"uid":1,"aid":0,"at":0}"""),
            new(new EventPosition("t", 0, 4), """{"uid":1,"aid":-5,"at":0}"""),
            new(new EventPosition("t", 0, 5), """{"uid":1,"aid":"10","at":0}"""),
            new(new EventPosition("t", 0, 6), "null"),
            new(new EventPosition("t", 0, 7), ""),
            new(new EventPosition("t", 0, 8), """{"uid":1,"at":0}"""),
            Read(10, 0, 9),
        ], _logger);

        Assert.Equal([new("t", 0, 0), new EventPosition("t", 0, 9)], Assert.Single(folded).Value);
        var warnings = _logger.Collector.GetSnapshot();
        Assert.All(warnings, w => Assert.Equal(LogLevel.Warning, w.Level));
        Assert.Equal(Enumerable.Range(1, 8).Select(o => $"Skipped a malformed read event at t/0@{o}"), warnings.Select(w => w.Message));
    }

    [Fact]
    public void Unknown_fields_and_other_field_orders_are_read_as_the_publisher_would_write_them()
    {
        var folded = ReadEventFold.ByArticle(
        [
            new(new EventPosition("t", 0, 0), """{"at":1700000000000,"aid":42,"uid":7,"extra":{"a":[1,2]}}"""),
            new(new EventPosition("t", 0, 1), """ { "aid" : 42 } """),
        ], _logger);

        Assert.Equal(2, Assert.Single(folded, a => a.Key == 42).Value.Count);
        Assert.Equal(0, _logger.Collector.Count);
    }

    [Fact]
    public void An_empty_batch_folds_to_nothing() => Assert.Empty(ReadEventFold.ByArticle([], _logger));

    private static ReadEventMessage Read(long article, int partition, long offset) =>
        new(new EventPosition("t", partition, offset), $$"""{"uid":1,"aid":{{article}},"at":1700000000000}""");
}
