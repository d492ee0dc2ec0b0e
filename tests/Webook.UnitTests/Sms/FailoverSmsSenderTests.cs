using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Webook.Core.Common;
using Webook.Core.Sms;
using Webook.Core.Sms.Governance;

namespace Webook.UnitTests.Sms;

/// <summary>The three steps of the failover sender: the account's rate limit, failover, and each provider's health judge.</summary>
public sealed class FailoverSmsSenderTests
{
    private static readonly SmsMessage Message = new("+8613800138000", "hi");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ISlidingWindowLimiter _limiter = Substitute.For<ISlidingWindowLimiter>();
    private readonly ProviderHealthOptions _health = new()
    {
        FailureRatio = 0.5,
        MinimumThroughput = 4,
        SamplingDuration = TimeSpan.FromSeconds(30),
        BreakDuration = TimeSpan.FromSeconds(30),
        SlowCallTimeout = TimeSpan.FromMilliseconds(200),
    };

    public FailoverSmsSenderTests() =>
        _limiter.TryAcquireAsync(default!, default!, default).ReturnsForAnyArgs("event");

    private static ISmsSender Provider(string name)
    {
        var provider = Substitute.For<ISmsSender>();
        provider.Name.Returns(name);
        return provider;
    }

    private FailoverSmsSender Sender(ISmsSender[] providers, RateLimitFailurePolicy policy = RateLimitFailurePolicy.Refuse,
        IMeterFactory? meters = null) =>
        new(providers, _limiter, Options.Create(new RateLimitOptions { OnRedisFailure = policy }), _health, _time,
            new SmsMetrics(meters ?? TestMeters.Factory), NullLogger<FailoverSmsSender>.Instance);

    // With one provider, what it threw (or what its judge threw for it) is the one failure inside SmsUnavailableException.
    private static async Task<Exception> ProviderFailureAsync(Task sending)
    {
        var error = await Assert.ThrowsAsync<SmsUnavailableException>(() => sending);
        return Assert.Single(((AggregateException)error.InnerException!).InnerExceptions);
    }

    [Fact]
    public void It_needs_a_provider() => Assert.Throws<ArgumentException>(() => Sender([]));

    // Failover

    [Fact]
    public async Task Each_call_starts_at_the_next_provider_so_load_spreads()
    {
        var providers = new[] { Provider("a"), Provider("b"), Provider("c") };
        var failover = Sender(providers);

        for (var i = 0; i < 6; i++) await failover.SendAsync(Message, default);

        foreach (var provider in providers) await provider.Received(2).SendAsync(Message, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_failing_provider_passes_the_message_to_the_next()
    {
        var failing = Provider("a");
        failing.SendAsync(default!, default).ThrowsAsyncForAnyArgs(new HttpRequestException("down"));
        var healthy = Provider("b");
        var failover = Sender([failing, healthy]);

        await failover.SendAsync(Message, default);
        await failover.SendAsync(Message, default);

        await healthy.Received(2).SendAsync(Message, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task When_every_provider_fails_the_message_is_unavailable()
    {
        var a = Provider("a");
        a.SendAsync(default!, default).ThrowsAsyncForAnyArgs(new HttpRequestException("down"));
        var b = Provider("b");
        b.SendAsync(default!, default).ThrowsAsyncForAnyArgs(new TimeoutException());

        var error = await Assert.ThrowsAsync<SmsUnavailableException>(() => Sender([a, b]).SendAsync(Message, default));
        Assert.Equal(2, ((AggregateException)error.InnerException!).InnerExceptions.Count);
    }

    [Fact]
    public async Task The_callers_cancellation_returns_at_once_without_trying_the_next_provider()
    {
        using var cancel = new CancellationTokenSource();
        var first = Provider("a");
        first.SendAsync(default!, default).ReturnsForAnyArgs(async _ =>
        {
            await cancel.CancelAsync();
            cancel.Token.ThrowIfCancellationRequested();
        });
        var second = Provider("b");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sender([first, second]).SendAsync(Message, cancel.Token));

        await second.DidNotReceiveWithAnyArgs().SendAsync(default!, default);
    }

    [Fact]
    public async Task Every_attempt_is_counted_by_provider_and_outcome()
    {
        var meters = TestMeters.NewFactory();
        using var attempts = TestMeters.Collect<long>(meters, SmsMetrics.MeterName, "webook.sms.attempts");
        var down = Provider("a");
        down.SendAsync(default!, default).ThrowsAsyncForAnyArgs(new BrokenCircuitException());
        var failing = Provider("b");
        failing.SendAsync(default!, default).ThrowsAsyncForAnyArgs(new HttpRequestException("down"));
        var healthy = Provider("c");

        await Sender([down, failing, healthy], meters: meters).SendAsync(Message, default);

        Assert.Equal(["1 provider=a outcome=judged_down", "1 provider=b outcome=failed", "1 provider=c outcome=sent"], TestMeters.Describe(attempts));
    }

    // The rate limit

    [Fact]
    public async Task An_allowed_message_is_sent_once_under_the_accounts_key()
    {
        var provider = Provider("acs");

        await Sender([provider]).SendAsync(Message, default);

        await provider.Received(1).SendAsync(Message, Arg.Any<CancellationToken>());
        await _limiter.Received(1).TryAcquireAsync("sms:failover", Arg.Any<WindowLimit>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_refused_message_is_rate_limited_and_not_sent()
    {
        _limiter.TryAcquireAsync(default!, default!, default).ReturnsForAnyArgs((string?)null);
        var provider = Provider("acs");

        await Assert.ThrowsAsync<SmsRateLimitedException>(() => Sender([provider]).SendAsync(Message, default));

        await provider.DidNotReceiveWithAnyArgs().SendAsync(default!, default);
    }

    [Theory]
    [InlineData(RateLimitFailurePolicy.Refuse, false)]
    [InlineData(RateLimitFailurePolicy.Allow, true)]
    public async Task When_redis_fails_the_configured_policy_decides(RateLimitFailurePolicy policy, bool sent)
    {
        _limiter.TryAcquireAsync(default!, default!, default).ThrowsAsyncForAnyArgs(new TimeoutException("redis down"));
        var provider = Provider("acs");

        var send = Sender([provider], policy).SendAsync(Message, default);

        if (sent) await send;
        else await Assert.ThrowsAsync<SmsRateLimitedException>(() => send);
        await provider.ReceivedWithAnyArgs(sent ? 1 : 0).SendAsync(default!, default);
    }

    [Fact]
    public async Task A_cancellation_the_caller_did_not_ask_for_counts_as_a_redis_failure()
    {
        // e.g. a timeout surfacing as TaskCanceledException while the caller's token is still live.
        _limiter.TryAcquireAsync(default!, default!, default).ThrowsAsyncForAnyArgs(new TaskCanceledException("timed out"));
        var provider = Provider("acs");

        await Sender([provider], RateLimitFailurePolicy.Allow).SendAsync(Message, default);

        await provider.Received(1).SendAsync(Message, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task The_callers_cancellation_of_the_limiter_propagates_and_nothing_is_sent()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        _limiter.TryAcquireAsync(default!, default!, default).ThrowsAsyncForAnyArgs(new OperationCanceledException(cancel.Token));
        var provider = Provider("acs");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sender([provider], RateLimitFailurePolicy.Allow).SendAsync(Message, cancel.Token));

        await provider.DidNotReceiveWithAnyArgs().SendAsync(default!, default);
    }

    // The health judge

    [Fact]
    public async Task Failures_below_the_minimum_number_of_calls_judge_nothing()
    {
        var provider = Provider("acs");
        provider.SendAsync(default!, default).ThrowsAsyncForAnyArgs(new HttpRequestException("down"));
        var sender = Sender([provider]);

        for (var i = 0; i < 3; i++) Assert.IsType<HttpRequestException>(await ProviderFailureAsync(sender.SendAsync(Message, default)));

        Assert.IsType<HttpRequestException>(await ProviderFailureAsync(sender.SendAsync(Message, default)));
        await provider.ReceivedWithAnyArgs(4).SendAsync(default!, default);
    }

    [Fact]
    public async Task A_provider_failing_half_its_calls_is_judged_down_then_probed_after_the_break()
    {
        var calls = 0;
        var provider = Provider("acs");
        provider.SendAsync(default!, default).ReturnsForAnyArgs(_ => ++calls % 2 == 0 ? throw new HttpRequestException("down") : Task.CompletedTask);
        var sender = Sender([provider]);
        await sender.SendAsync(Message, default);
        Assert.IsType<HttpRequestException>(await ProviderFailureAsync(sender.SendAsync(Message, default)));
        await sender.SendAsync(Message, default);
        Assert.IsType<HttpRequestException>(await ProviderFailureAsync(sender.SendAsync(Message, default)));

        Assert.IsType<BrokenCircuitException>(await ProviderFailureAsync(sender.SendAsync(Message, default)));
        Assert.Equal(4, calls);

        _time.Advance(TimeSpan.FromSeconds(31));
        provider.SendAsync(default!, default).ReturnsForAnyArgs(Task.CompletedTask);
        await sender.SendAsync(Message, default);
        await sender.SendAsync(Message, default);
        await provider.ReceivedWithAnyArgs(6).SendAsync(default!, default);
    }

    [Fact]
    public async Task A_failed_probe_keeps_the_provider_down()
    {
        var provider = Provider("acs");
        provider.SendAsync(default!, default).ThrowsAsyncForAnyArgs(new HttpRequestException("down"));
        var sender = Sender([provider]);
        for (var i = 0; i < 4; i++) Assert.IsType<HttpRequestException>(await ProviderFailureAsync(sender.SendAsync(Message, default)));

        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.IsType<HttpRequestException>(await ProviderFailureAsync(sender.SendAsync(Message, default)));

        Assert.IsType<BrokenCircuitException>(await ProviderFailureAsync(sender.SendAsync(Message, default)));
        await provider.ReceivedWithAnyArgs(5).SendAsync(default!, default);
    }

    [Fact]
    public async Task Slow_calls_are_abandoned_and_count_as_failures()
    {
        var provider = Provider("acs");
        provider.SendAsync(default!, default).ReturnsForAnyArgs(c => Task.Delay(TimeSpan.FromSeconds(30), c.Arg<CancellationToken>()));
        var sender = Sender([provider]);

        for (var i = 0; i < 4; i++)
        {
            var sending = sender.SendAsync(Message, default);
            _time.Advance(_health.SlowCallTimeout + TimeSpan.FromMilliseconds(1));
            Assert.IsType<TimeoutRejectedException>(await ProviderFailureAsync(sending));
        }

        Assert.IsType<BrokenCircuitException>(await ProviderFailureAsync(sender.SendAsync(Message, default)));
    }

    [Fact]
    public async Task The_callers_cancellations_never_judge_the_provider()
    {
        var provider = Provider("acs");
        var sender = Sender([provider]);

        for (var i = 0; i < 6; i++)
        {
            using var cancel = new CancellationTokenSource();
            provider.SendAsync(default!, default).ReturnsForAnyArgs(async c =>
            {
                await cancel.CancelAsync();
                await Task.Delay(Timeout.Infinite, c.Arg<CancellationToken>());
            });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.SendAsync(Message, cancel.Token));
        }

        provider.SendAsync(default!, default).ReturnsForAnyArgs(Task.CompletedTask);
        await sender.SendAsync(Message, default);
        await provider.ReceivedWithAnyArgs(7).SendAsync(default!, default);
    }
}
