using Webook.Core.Common;
using Webook.Core.Ranking;

namespace Webook.UnitTests.Ranking;

public sealed class TopNTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 5)]
    [InlineData(3, 100)]
    [InlineData(4, 5_000)]
    public void The_heap_keeps_what_a_full_sort_keeps_in_the_same_order_ties_included(int seed, int count)
    {
        var random = new Random(seed);
        var now = DateTimeOffset.UnixEpoch.AddYears(50);
        // Few distinct likes and times, so equal scores (and equal times) are common.
        var candidates = Enumerable.Range(0, count).Select(i =>
        {
            var updated = now.AddHours(-random.Next(0, 5));
            var likes = random.Next(0, 4);
            return new HotCandidate(new PublishedStamp(random.NextInt64(1, 1000), 1, updated), likes, 0, 0, HotScore.Of(likes, updated, now, 1.5));
        }).ToList();
        var top = new TopN<HotCandidate>(100, c => c.Score, HotScore.Order);

        candidates.ForEach(top.Offer);

        var expected = candidates.OrderByDescending(c => c, HotScore.Order).Take(100).ToList();
        Assert.Equal(expected, top.Descending());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sorted_arrival_the_heaps_worst_and_best_case_keeps_the_same_items(bool ascending)
    {
        var now = DateTimeOffset.UnixEpoch.AddYears(50);
        var random = new Random(7);
        // Scores from few likes and hours, so many candidates tie on the score and only the full order tells them apart.
        var candidates = Enumerable.Range(0, 3_000).Select(i =>
        {
            var updated = now.AddHours(-random.Next(0, 3));
            var likes = random.Next(0, 6);
            return new HotCandidate(new PublishedStamp(i, 1, updated), likes, 0, 0, HotScore.Of(likes, updated, now, 1.5));
        }).Order(HotScore.Order).ToList();
        if (!ascending) candidates.Reverse();
        var top = new TopN<HotCandidate>(100, c => c.Score, HotScore.Order);

        candidates.ForEach(top.Offer);

        Assert.Equal(candidates.OrderByDescending(c => c, HotScore.Order).Take(100).ToList(), top.Descending());
    }

    [Fact]
    public void A_list_of_size_zero_keeps_nothing()
    {
        var now = DateTimeOffset.UnixEpoch.AddYears(50);
        var top = new TopN<HotCandidate>(0, c => c.Score, HotScore.Order);

        top.Offer(new HotCandidate(new PublishedStamp(1, 1, now), 5, 0, 0, HotScore.Of(5, now, now, 1.5)));

        Assert.Empty(top.Descending());
    }

    [Fact]
    public void More_likes_rank_higher_and_age_pulls_down()
    {
        var now = DateTimeOffset.UnixEpoch.AddYears(50);
        Assert.True(HotScore.Of(10, now, now, 1.5) > HotScore.Of(5, now, now, 1.5));
        Assert.True(HotScore.Of(10, now, now, 1.5) > HotScore.Of(10, now.AddHours(-10), now, 1.5));
        Assert.Equal(9 / Math.Pow(3, 1.5), HotScore.Of(10, now.AddHours(-1), now, 1.5), 12);
    }
}
