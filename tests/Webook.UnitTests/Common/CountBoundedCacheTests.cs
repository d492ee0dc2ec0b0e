using Webook.Core.Common;

namespace Webook.UnitTests.Common;

public sealed class CountBoundedCacheTests
{
    // The framework's drift itself (set and remove of one key at once) is reproduced by a standalone program, not here:
    // in this test host 8 threads x 300,000 operations did not trigger it, so a test of it could not fail.
    [Fact]
    public void A_cache_at_its_bound_makes_room_and_keeps_the_newest_entry()
    {
        using var cache = new CountBoundedCache(maxEntries: 100);
        for (var i = 0; i < 1000; i++) cache.Set($"k{i}", i);

        Assert.InRange(cache.Count, 1, 100);
        Assert.True(cache.TryGetValue("k999", out int newest));
        Assert.Equal(999, newest);
    }
}
