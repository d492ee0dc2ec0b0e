using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Webook.Core.Auth;
using Webook.Core.Common;
using Webook.Core.Http;
using Webook.Core.Interactions;
using Webook.Core.Payments;
using Webook.Core.Rewards;

namespace Webook.UnitTests.Rewards;

/// <summary>The reward route's rules before anything is stored: a refused request stores nothing and calls no one.</summary>
public sealed class RewardHandlersTests
{
    private const long Tipper = 1;
    private readonly IRewardStore _rewards = Substitute.For<IRewardStore>();
    private readonly IPaymentStore _payments = Substitute.For<IPaymentStore>();
    private readonly IWeChatPay _wechat = Substitute.For<IWeChatPay>();
    private readonly IPublishedArticles _articles = Substitute.For<IPublishedArticles>();
    private readonly RewardHandlers _handlers;

    public RewardHandlersTests()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var wechatPay = Options.Create(new WeChatPayOptions { MchId = "1900000001" });
        _articles.PublishedAuthorAsync(42, Arg.Any<CancellationToken>()).Returns(7L);
        _articles.PublishedAuthorAsync(43, Arg.Any<CancellationToken>()).Returns(Tipper);
        _handlers = new RewardHandlers(_rewards, new PaymentService(_payments, _wechat, new KeyedLocks(), time, wechatPay, NullLogger<PaymentService>.Instance), _articles,
            null!, new IdGenerator(time), time, Options.Create(new RewardOptions { MaxAmount = 1000 }), wechatPay);
    }

    [Theory]
    [InlineData(42L, 0L)]
    [InlineData(42L, -5L)]
    [InlineData(42L, 1001L)]
    [InlineData(42L, null)]
    [InlineData(null, 100L)]
    [InlineData(0L, 100L)]
    [InlineData(44L, 100L)] // not published
    [InlineData(43L, 100L)] // the tipper's own
    public async Task A_refused_reward_stores_nothing_and_places_no_order(long? article, long? amount)
    {
        Assert.Equal(ApiResults.CallerMistake, await CodeOf(_handlers.RewardAsync(Call(new RewardRequest { Id = article, Amt = amount }))));

        Assert.Empty(_rewards.ReceivedCalls());
        Assert.Empty(_payments.ReceivedCalls());
        Assert.Empty(_wechat.ReceivedCalls());
    }

    [Fact]
    public async Task An_idempotency_key_that_made_another_reward_is_refused_before_anything_is_stored()
    {
        _rewards.ClaimKeyAsync(Tipper, "k", Arg.Any<RewardKeyClaim>(), Arg.Any<CancellationToken>()).Returns((new RewardKeyClaim(99, 42, 500), false));
        var call = Call(new RewardRequest { Id = 42, Amt = 100 });
        call.Request.Headers["Idempotency-Key"] = "k";

        Assert.Equal(ApiResults.CallerMistake, await CodeOf(_handlers.RewardAsync(call)));

        await _rewards.DidNotReceiveWithAnyArgs().AddAsync(default!, default);
        Assert.Empty(_payments.ReceivedCalls());
        Assert.Empty(_wechat.ReceivedCalls());
    }

    [Fact]
    public async Task The_reward_is_stored_before_its_payment_is_recorded_and_both_before_wechat_pay_is_called()
    {
        _rewards.AddAsync(Arg.Any<Reward>(), Arg.Any<CancellationToken>()).Returns(true);
        _payments.AddAsync(Arg.Any<Payment>(), Arg.Any<CancellationToken>()).Returns(c => c.Arg<Payment>());
        _wechat.CreateNativeOrderAsync(default!, default!, default, default, default).ReturnsForAnyArgs("weixin://wxpay/bizpayurl?pr=x");

        Assert.Equal(ApiResults.Success, await CodeOf(_handlers.RewardAsync(Call(new RewardRequest { Id = 42, Amt = 100 }))));

        Received.InOrder(() =>
        {
            _rewards.AddAsync(Arg.Is<Reward>(r => r.TipperId == Tipper && r.AuthorId == 7 && r.Amount == 100 && r.Status == RewardStatus.Init), Arg.Any<CancellationToken>());
            _payments.AddAsync(Arg.Is<Payment>(p => p.Biz == "reward" && p.Amount == 100), Arg.Any<CancellationToken>());
            _wechat.CreateNativeOrderAsync(Arg.Is<string>(no => no.StartsWith("reward-")), Arg.Any<string>(), 100, Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>());
            _payments.SetCodeUrlAsync(Arg.Any<string>(), "weixin://wxpay/bizpayurl?pr=x", Arg.Any<CancellationToken>());
        });
    }

    private static RouteCall<T> Call<T>(T body) => new(new DefaultHttpContext().Request, new UserSession(Tipper, "s"), body, default);

    private static async Task<int> CodeOf(Task<IResult> answer) => Assert.IsType<JsonHttpResult<Envelope>>(await answer).Value!.Code;
}
