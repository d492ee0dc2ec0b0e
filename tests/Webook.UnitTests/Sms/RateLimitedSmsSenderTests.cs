using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Webook.Core.Common;
using Webook.Core.Sms;
using Webook.Core.Sms.RateLimiting;

namespace Webook.UnitTests.Sms;

public sealed class RateLimitedSmsSenderTests
{
    private static readonly SmsMessage Message = new("+8613800138000", "hi");
    private readonly ISmsSender _inner = Substitute.For<ISmsSender>();
    private readonly ISlidingWindowLimiter _limiter = Substitute.For<ISlidingWindowLimiter>();

    public RateLimitedSmsSenderTests() => _inner.Name.Returns("acs");

    private RateLimitedSmsSender Sender(RateLimitFailurePolicy policy = RateLimitFailurePolicy.Refuse) =>
        new(_inner, _limiter, Options.Create(new RateLimitOptions { OnRedisFailure = policy }), NullLogger<RateLimitedSmsSender>.Instance);

    [Fact]
    public void It_takes_the_inner_senders_name() => Assert.Equal("acs", Sender().Name);

    [Fact]
    public async Task An_allowed_message_is_sent_once_under_the_providers_key()
    {
        _limiter.TryAcquireAsync("sms:acs", Arg.Any<WindowLimit>(), Arg.Any<CancellationToken>()).Returns("event");

        await Sender().SendAsync(Message, default);

        await _inner.Received(1).SendAsync(Message, Arg.Any<CancellationToken>());
        await _limiter.Received(1).TryAcquireAsync("sms:acs", Arg.Any<WindowLimit>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_refused_message_is_rate_limited_and_not_sent()
    {
        _limiter.TryAcquireAsync(default!, default!, default).ReturnsForAnyArgs((string?)null);

        await Assert.ThrowsAsync<SmsRateLimitedException>(() => Sender().SendAsync(Message, default));

        await _inner.DidNotReceiveWithAnyArgs().SendAsync(default!, default);
    }

    [Theory]
    [InlineData(RateLimitFailurePolicy.Refuse, false)]
    [InlineData(RateLimitFailurePolicy.Allow, true)]
    public async Task When_redis_fails_the_configured_policy_decides(RateLimitFailurePolicy policy, bool sent)
    {
        _limiter.TryAcquireAsync(default!, default!, default).ThrowsAsyncForAnyArgs(new TimeoutException("redis down"));

        var send = Sender(policy).SendAsync(Message, default);

        if (sent) await send;
        else await Assert.ThrowsAsync<SmsRateLimitedException>(() => send);
        await _inner.ReceivedWithAnyArgs(sent ? 1 : 0).SendAsync(default!, default);
    }

    [Fact]
    public async Task A_cancellation_the_caller_did_not_ask_for_counts_as_a_redis_failure()
    {
        // e.g. a timeout surfacing as TaskCanceledException while the caller's token is still live.
        _limiter.TryAcquireAsync(default!, default!, default).ThrowsAsyncForAnyArgs(new TaskCanceledException("timed out"));

        await Sender(RateLimitFailurePolicy.Allow).SendAsync(Message, default);

        await _inner.Received(1).SendAsync(Message, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task The_callers_cancellation_propagates_and_nothing_is_sent()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        _limiter.TryAcquireAsync(default!, default!, default).ThrowsAsyncForAnyArgs(new OperationCanceledException(cancel.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sender(RateLimitFailurePolicy.Allow).SendAsync(Message, cancel.Token));

        await _inner.DidNotReceiveWithAnyArgs().SendAsync(default!, default);
    }
}
