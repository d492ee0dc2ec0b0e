using Webook.Core.Payments;
using Webook.Core.Rewards;

namespace Webook.UnitTests.Rewards;

/// <summary>The rules money follows: the platform's share floored in decimal, and statuses that only move forward.</summary>
public sealed class RewardRulesTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(9, 0)]
    [InlineData(10, 1)]
    [InlineData(1999, 199)]
    [InlineData(100_000, 10_000)]
    [InlineData(100_000_000, 10_000_000)]
    public void The_platform_gets_the_floor_of_its_rate_and_the_author_the_rest(long amount, long platform)
    {
        Assert.Equal(platform, RewardSettlement.PlatformShare(amount, 0.10m));
        Assert.Equal(amount, RewardSettlement.PlatformShare(amount, 0.10m) + (amount - platform));
    }

    [Fact]
    public void Other_rates_floor_too_and_never_take_more_than_the_amount()
    {
        Assert.Equal(33, RewardSettlement.PlatformShare(100, 0.333m));
        Assert.Equal(0, RewardSettlement.PlatformShare(100, 0m));
        Assert.Equal(100, RewardSettlement.PlatformShare(100, 1m));
    }

    [Theory]
    [InlineData(PaymentStatus.Init, PaymentStatus.Success, true)]
    [InlineData(PaymentStatus.Init, PaymentStatus.Failed, true)]
    [InlineData(PaymentStatus.Init, PaymentStatus.Refund, true)]
    [InlineData(PaymentStatus.Init, PaymentStatus.Init, false)]
    [InlineData(PaymentStatus.Success, PaymentStatus.Refund, true)]
    [InlineData(PaymentStatus.Success, PaymentStatus.Success, false)]
    [InlineData(PaymentStatus.Success, PaymentStatus.Failed, false)]
    [InlineData(PaymentStatus.Failed, PaymentStatus.Success, false)]
    [InlineData(PaymentStatus.Refund, PaymentStatus.Success, false)]
    public void Payments_only_move_forward(PaymentStatus from, PaymentStatus to, bool allowed) =>
        Assert.Equal(allowed, new Payment("reward-1", "reward", 1, 100, from, "", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch).CanMoveTo(to));

    [Theory]
    [InlineData("SUCCESS", PaymentStatus.Success)]
    [InlineData("PAYERROR", PaymentStatus.Failed)]
    [InlineData("CLOSED", PaymentStatus.Failed)]
    [InlineData("REVOKED", PaymentStatus.Failed)]
    [InlineData("REFUND", PaymentStatus.Refund)]
    [InlineData("NOTPAY", null)]
    [InlineData("USERPAYING", null)]
    [InlineData("SOMETHING_NEW", null)]
    public void Trade_states_map_to_payment_statuses_and_the_waiting_ones_to_none(string tradeState, PaymentStatus? status) =>
        Assert.Equal(status, Payment.FromTradeState(tradeState));

    [Fact]
    public void A_reward_leaves_init_once_and_its_status_names_are_the_clients()
    {
        var reward = new Reward(1, 2, 3, 4, 100, 10, RewardStatus.Init, DateTimeOffset.UnixEpoch);
        Assert.True(reward.CanMoveTo(RewardStatus.Payed));
        Assert.False((reward with { Status = RewardStatus.Payed }).CanMoveTo(RewardStatus.Failed));
        Assert.False((reward with { Status = RewardStatus.Failed }).CanMoveTo(RewardStatus.Payed));
        Assert.Equal(["RewardStatusInit", "RewardStatusPayed", "RewardStatusFailed"], Enum.GetValues<RewardStatus>().Select(Reward.StatusName));
    }
}
