using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Webook.Core.Sms;
using Webook.Core.Sms.Governance;
using Polly.CircuitBreaker;

namespace Webook.UnitTests.Sms;

public sealed class FailoverSmsSenderTests
{
    private static readonly SmsMessage Message = new("+8613800138000", "hi");

    private static ISmsSender Provider(string name)
    {
        var provider = Substitute.For<ISmsSender>();
        provider.Name.Returns(name);
        return provider;
    }

    [Fact]
    public async Task Each_call_starts_at_the_next_provider_so_load_spreads()
    {
        var providers = new[] { Provider("a"), Provider("b"), Provider("c") };
        var failover = new FailoverSmsSender(providers, new SmsMetrics(TestMeters.Factory), NullLogger<FailoverSmsSender>.Instance);

        for (var i = 0; i < 6; i++) await failover.SendAsync(Message, default);

        foreach (var provider in providers) await provider.Received(2).SendAsync(Message, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_failing_provider_passes_the_message_to_the_next()
    {
        var failing = Provider("a");
        failing.SendAsync(default!, default).ThrowsAsyncForAnyArgs(new HttpRequestException("down"));
        var healthy = Provider("b");
        var failover = new FailoverSmsSender([failing, healthy], new SmsMetrics(TestMeters.Factory), NullLogger<FailoverSmsSender>.Instance);

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
        var failover = new FailoverSmsSender([a, b], new SmsMetrics(TestMeters.Factory), NullLogger<FailoverSmsSender>.Instance);

        var error = await Assert.ThrowsAsync<SmsUnavailableException>(() => failover.SendAsync(Message, default));
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
        var failover = new FailoverSmsSender([first, second], new SmsMetrics(TestMeters.Factory), NullLogger<FailoverSmsSender>.Instance);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => failover.SendAsync(Message, cancel.Token));

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
        var failover = new FailoverSmsSender([down, failing, healthy], new SmsMetrics(meters), NullLogger<FailoverSmsSender>.Instance);

        await failover.SendAsync(Message, default);

        Assert.Equal(["1 provider=a outcome=judged_down", "1 provider=b outcome=failed", "1 provider=c outcome=sent"], TestMeters.Describe(attempts));
    }
}
