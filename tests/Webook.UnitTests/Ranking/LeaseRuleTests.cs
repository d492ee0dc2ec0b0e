using Webook.Core.Ranking;

namespace Webook.UnitTests.Ranking;

public sealed class LeaseRuleTests
{
    private static readonly double[] Loads = [90, 10, 50];

    [Theory]
    [InlineData(90, false)]
    [InlineData(50, false)]
    [InlineData(10, true)]
    [InlineData(19, true)]
    public void Of_instances_at_90_10_and_50_only_those_near_the_least_loaded_may_take_the_lease(double mine, bool mayTake) =>
        Assert.Equal(mayTake, LeaseRule.MayTake(mine, Loads, takeMargin: 10));

    [Fact]
    public void An_instance_alone_may_always_take_it() => Assert.True(LeaseRule.MayTake(95, [], takeMargin: 10));

    [Theory]
    [InlineData(90, new double[] { 10, 50 }, true)]
    [InlineData(50, new double[] { 10, 90 }, true)]
    [InlineData(35, new double[] { 10, 90 }, false)]
    [InlineData(10, new double[] { 50, 90 }, false)]
    [InlineData(99, new double[0], false)]
    public void The_holder_hands_over_only_when_clearly_busier_than_another(double mine, double[] others, bool handOver) =>
        Assert.Equal(handOver, LeaseRule.ShouldHandOver(mine, others, handoverMargin: 30));

    [Fact]
    public void Between_the_margins_the_holder_keeps_the_lease_and_the_other_does_not_take_it()
    {
        // 25 and 10: the holder at 25 is 15 above, within the hand-over margin: it keeps the lease; were it
        // free, the one at 25 could not take it (15 > take margin), the one at 10 could.
        Assert.False(LeaseRule.ShouldHandOver(25, [10], handoverMargin: 30));
        Assert.False(LeaseRule.MayTake(25, [25, 10], takeMargin: 10));
        Assert.True(LeaseRule.MayTake(10, [25, 10], takeMargin: 10));
    }
}
