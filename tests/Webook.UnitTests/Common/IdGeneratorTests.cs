using Microsoft.Extensions.Time.Testing;
using Webook.Core.Common;

namespace Webook.UnitTests.Common;

public sealed class IdGeneratorTests
{
    [Fact]
    public void Ids_are_positive_and_below_two_to_the_53_until_2160()
    {
        var late = new IdGenerator(new FakeTimeProvider(new DateTimeOffset(2160, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        var early = new IdGenerator(new FakeTimeProvider(new DateTimeOffset(2024, 1, 1, 0, 0, 1, TimeSpan.Zero)));
        for (var i = 0; i < 1000; i++)
        {
            Assert.InRange(late.Next(), 1, (1L << 53) - 1);
            Assert.InRange(early.Next(), 1, (1L << 53) - 1);
        }
    }

    [Fact]
    public void Ids_from_a_later_millisecond_are_larger()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var ids = new IdGenerator(time);
        var first = ids.Next();
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(ids.Next() > first);
    }
}
