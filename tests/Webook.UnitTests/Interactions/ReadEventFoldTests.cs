using System.Text;
using System.Text.Json;
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
            Message(1, "{not json"),
            new(new EventPosition("t", 0, 2), null),
            Message(3, """{"uid":1,"aid":0,"at":0}"""),
            Message(4, """{"uid":1,"aid":-5,"at":0}"""),
            Message(5, """{"uid":1,"aid":"10","at":0}"""),
            Message(6, "null"),
            Message(7, ""),
            Message(8, """{"uid":1,"at":0}"""),
            Read(10, 0, 9),
        ], _logger);

        Assert.Equal([new("t", 0, 0), new EventPosition("t", 0, 9)], Assert.Single(folded).Value);
        var warnings = _logger.Collector.GetSnapshot();
        Assert.All(warnings, w => Assert.Equal(LogLevel.Warning, w.Level));
        Assert.Equal(Enumerable.Range(1, 8).Select(o => $"Skipped a malformed read event at t/0@{o}"), warnings.Select(w => w.Message));
    }

    [Fact]
    public void An_empty_batch_folds_to_nothing() => Assert.Empty(ReadEventFold.ByArticle([], _logger));

    [Fact]
    public void Every_event_the_publisher_writes_is_read_back_with_its_article()
    {
        long[] ids = [1, 42, 1L << 52, (1L << 53) - 1, long.MaxValue];
        var batch = ids.Select((id, i) => new ReadEventMessage(new EventPosition("t", 0, i),
            JsonSerializer.SerializeToUtf8Bytes(new ReadEvent(id == 1 ? 0 : id, id, DateTimeOffset.UnixEpoch.AddYears(60).ToUnixTimeMilliseconds())))).ToList();

        Assert.Equal(ids, ReadEventFold.ByArticle(batch, _logger).Keys.Order());
    }

    // The fold reads the article without deserializing a ReadEvent; what it accepts, and the article it finds,
    // must be what the consumers did before: decode the bytes to a string, JsonSerializer.Deserialize<ReadEvent>,
    // and skip it on a JsonException, a null or an article id that is not positive.
    public static TheoryData<string> Values() =>
    [
        """{"uid":1,"aid":42,"at":0}""", """{"at":1700000000000,"aid":42,"uid":7}""", """{"aid":42}""", """ { "aid" : 42 } """,
        "{\"aid\":42}\n", """{"aid":42,"x":{"aid":7,"y":[1,{"z":[]}]},"w":"aid"}""", """{"x":null,"aid":42,"y":true}""",
        """{"\u0061id":42}""", """{"aid":42,"aid":43}""", """{"aid":43,"aid":"x"}""", """{"aid":"x","aid":43}""",
        """{"AID":42}""", """{"Aid":42}""", """{"ArticleId":42}""", """{"aid":9223372036854775807}""", """{"aid":9223372036854775808}""",
        """{"aid":42.0}""", """{"aid":4.2e1}""", """{"aid":042}""", """{"aid":+42}""", """{"aid":-1}""", """{"aid":0}""", """{"aid":-0}""",
        """{"aid":"42"}""", """{"aid":null}""", """{"aid":true}""", """{"aid":[42]}""", """{"aid":{"v":42}}""",
        """{"uid":"7","aid":42}""", """{"uid":null,"aid":42}""", """{"uid":1.5,"aid":42}""", """{"at":[],"aid":42}""",
        """{"aid":42} x""", """{"aid":42}{}""", """{"aid":42}}""", """{"aid":42""", """{"aid":42,}""", """{"aid":42 /* c */}""", """{"aid":}""",
        """[{"aid":42}]""", "42", "\"aid\"", "null", "true", "", " ", "{}", "{", "}", "\uFEFF{\"aid\":42}",
        """{"aid":42,"x":"\ud800"}""", """{"aid":42,"x":"\u0000"}""", "{\"aid\":42,\"x\":\"a\tb\"}", """{"aid":42,"x":"é☃😀"}""",
        "{\"aid\":42,\"x\":" + new string('[', 70) + new string(']', 70) + "}", "{\"aid\":42,\"x\":" + new string('[', 60) + new string(']', 60) + "}",
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public void It_accepts_and_reads_exactly_what_deserializing_a_ReadEvent_does(string json) => Compare(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData(new byte[] { 0x7b, 0x22, 0x61, 0x69, 0x64, 0x22, 0x3a, 0x34, 0x32, 0x2c, 0x22, 0x78, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d })] // {"aid":42,"x":"<FF>"}
    [InlineData(new byte[] { 0x7b, 0x22, 0xc3, 0x22, 0x3a, 0x31, 0x2c, 0x22, 0x61, 0x69, 0x64, 0x22, 0x3a, 0x34, 0x32, 0x7d })] // {"<C3>":1,"aid":42}
    [InlineData(new byte[] { 0x7b, 0x22, 0x61, 0x69, 0x64, 0x22, 0x3a, 0x34, 0x32, 0x7d, 0xed, 0xa0, 0x80 })] // {"aid":42}<a UTF-8 surrogate>
    public void Invalid_UTF_8_is_judged_as_before_too(byte[] value) => Compare(value);

    private void Compare(byte[] value)
    {
        long before;
        try
        {
            before = JsonSerializer.Deserialize<ReadEvent>(Encoding.UTF8.GetString(value)) is { ArticleId: > 0 } read ? read.ArticleId : 0;
        }
        catch (JsonException)
        {
            before = 0;
        }

        var folded = ReadEventFold.ByArticle([new ReadEventMessage(new EventPosition("t", 0, 0), value)], _logger);

        Assert.Equal(before, folded.Keys.SingleOrDefault());
        Assert.Equal(before == 0 ? 1 : 0, _logger.Collector.Count);
    }

    private static ReadEventMessage Read(long article, int partition, long offset) =>
        new(new EventPosition("t", partition, offset), Encoding.UTF8.GetBytes($$"""{"uid":1,"aid":{{article}},"at":1700000000000}"""));

    private static ReadEventMessage Message(long offset, string value) => new(new EventPosition("t", 0, offset), Encoding.UTF8.GetBytes(value));
}
