using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Polly.CircuitBreaker;
using Webook.Core.Sms;
using Webook.Core.Sms.Governance;

namespace Webook.UnitTests.Sms;

public sealed class HealthJudgedSmsSenderTests
{
    private static readonly SmsMessage Message = new("+8613800138000", "hi");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ISmsSender _provider = Substitute.For<ISmsSender>();
    private readonly ProviderHealthOptions _options = new()
    {
        FailureRatio = 0.5,
        MinimumThroughput = 4,
        SamplingDuration = TimeSpan.FromSeconds(30),
        BreakDuration = TimeSpan.FromSeconds(30),
        SlowCallTimeout = TimeSpan.FromMilliseconds(200),
    };

    private HealthJudgedSmsSender Judge() => new(_provider, _options, _time, NullLogger.Instance);

    [Fact]
    public async Task Failures_below_the_minimum_number_of_calls_judge_nothing()
    {
        _provider.SendAsync(default!, default).ThrowsAsyncForAnyArgs(new HttpRequestException("down"));
        var judge = Judge();

        for (var i = 0; i < 3; i++) await Assert.ThrowsAsync<HttpRequestException>(() => judge.SendAsync(Message, default));

        await Assert.ThrowsAsync<HttpRequestException>(() => judge.SendAsync(Message, default));
        await _provider.ReceivedWithAnyArgs(4).SendAsync(default!, default);
    }

    [Fact]
    public async Task A_provider_failing_half_its_calls_is_judged_down_then_probed_after_the_break()
    {
        var calls = 0;
        _provider.SendAsync(default!, default).ReturnsForAnyArgs(_ => ++calls % 2 == 0 ? throw new HttpRequestException("down") : Task.CompletedTask);
        var judge = Judge();
        await judge.SendAsync(Message, default);
        await Assert.ThrowsAsync<HttpRequestException>(() => judge.SendAsync(Message, default));
        await judge.SendAsync(Message, default);
        await Assert.ThrowsAsync<HttpRequestException>(() => judge.SendAsync(Message, default));

        await Assert.ThrowsAsync<BrokenCircuitException>(() => judge.SendAsync(Message, default));
        Assert.Equal(4, calls);

        _time.Advance(TimeSpan.FromSeconds(31));
        _provider.SendAsync(default!, default).ReturnsForAnyArgs(Task.CompletedTask);
        await judge.SendAsync(Message, default);
        await judge.SendAsync(Message, default);
        await _provider.ReceivedWithAnyArgs(6).SendAsync(default!, default);
    }

    [Fact]
    public async Task A_failed_probe_keeps_the_provider_down()
    {
        _provider.SendAsync(default!, default).ThrowsAsyncForAnyArgs(new HttpRequestException("down"));
        var judge = Judge();
        for (var i = 0; i < 4; i++) await Assert.ThrowsAsync<HttpRequestException>(() => judge.SendAsync(Message, default));

        _time.Advance(TimeSpan.FromSeconds(31));
        await Assert.ThrowsAsync<HttpRequestException>(() => judge.SendAsync(Message, default));

        await Assert.ThrowsAsync<BrokenCircuitException>(() => judge.SendAsync(Message, default));
        await _provider.ReceivedWithAnyArgs(5).SendAsync(default!, default);
    }

    [Fact]
    public async Task Slow_calls_are_abandoned_and_count_as_failures()
    {
        _provider.SendAsync(default!, default).ReturnsForAnyArgs(c => Task.Delay(TimeSpan.FromSeconds(30), c.Arg<CancellationToken>()));
        var judge = Judge();

        for (var i = 0; i < 4; i++)
        {
            var sending = judge.SendAsync(Message, default);
            _time.Advance(_options.SlowCallTimeout + TimeSpan.FromMilliseconds(1));
            await Assert.ThrowsAsync<Polly.Timeout.TimeoutRejectedException>(() => sending);
        }

        await Assert.ThrowsAsync<BrokenCircuitException>(() => judge.SendAsync(Message, default));
    }

    [Fact]
    public async Task The_callers_cancellations_never_judge_the_provider()
    {
        var judge = Judge();

        for (var i = 0; i < 6; i++)
        {
            using var cancel = new CancellationTokenSource();
            _provider.SendAsync(default!, default).ReturnsForAnyArgs(async c =>
            {
                await cancel.CancelAsync();
                await Task.Delay(Timeout.Infinite, c.Arg<CancellationToken>());
            });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => judge.SendAsync(Message, cancel.Token));
        }

        _provider.SendAsync(default!, default).ReturnsForAnyArgs(Task.CompletedTask);
        await judge.SendAsync(Message, default);
        await _provider.ReceivedWithAnyArgs(7).SendAsync(default!, default);
    }
}
