using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Webook.Core.Payments;
using Webook.Core.Rewards;

namespace Webook.UnitTests.Rewards;

/// <summary>What a payment event does to its reward: the shares fixed on the reward, and no credit for a reward that failed.</summary>
public sealed class RewardSettlementTests
{
    private readonly IRewardStore _rewards = Substitute.For<IRewardStore>();
    private readonly ILedger _ledger = Substitute.For<ILedger>();
    private readonly RewardSettlement _settlement;

    public RewardSettlementTests() =>
        // The status cache is never reached in these cases: the moves below answer false.
        _settlement = new RewardSettlement(_rewards, _ledger, null!, NullLogger<RewardSettlement>.Instance);

    private static PaymentEvent Event(PaymentStatus status) => new("e", "reward-9", Reward.Biz, 9, 1000, status.ToString(), 1);

    [Fact]
    public async Task A_success_splits_by_the_share_fixed_on_the_reward_not_by_todays_rate()
    {
        _rewards.GetAsync(9, Arg.Any<CancellationToken>()).Returns(new Reward(9, 1, 2, 3, 1000, 250, RewardStatus.Init, DateTimeOffset.UnixEpoch));

        await _settlement.ApplyAsync(Event(PaymentStatus.Success), default);

        await _ledger.Received(1).CreditAsync(LedgerAccount.User(3), Reward.Biz, 9, 750, Arg.Any<CancellationToken>());
        await _ledger.Received(1).CreditAsync(LedgerAccount.Platform, Reward.Biz, 9, 250, Arg.Any<CancellationToken>());
        await _ledger.DidNotReceive().CreditAsync(LedgerAccount.User(1), Arg.Any<string>(), Arg.Any<long>(), Arg.Any<long>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_success_for_a_reward_that_failed_credits_no_one()
    {
        _rewards.GetAsync(9, Arg.Any<CancellationToken>()).Returns(new Reward(9, 1, 2, 3, 1000, 100, RewardStatus.Failed, DateTimeOffset.UnixEpoch));

        await _settlement.ApplyAsync(Event(PaymentStatus.Success), default);

        Assert.Empty(_ledger.ReceivedCalls());
        await _rewards.DidNotReceiveWithAnyArgs().MoveAsync(default, default, default);
    }

    [Fact]
    public async Task Events_of_other_businesses_change_nothing()
    {
        await _settlement.ApplyAsync(Event(PaymentStatus.Success) with { Biz = "order" }, default);

        Assert.Empty(_rewards.ReceivedCalls());
        Assert.Empty(_ledger.ReceivedCalls());
    }
}
