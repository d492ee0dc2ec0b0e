using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Webook.Core.Sms;
using Webook.Core.Sms.Outbox;

namespace Webook.UnitTests.Sms;

public sealed class OutboxSmsSenderTests
{
    private static readonly SmsMessage Message = new("+8613800138000", "hi");
    private readonly ISmsSender _inner = Substitute.For<ISmsSender>();
    private readonly ISmsOutbox _outbox = Substitute.For<ISmsOutbox>();
    private readonly IMeterFactory _meters = TestMeters.NewFactory();
    private OutboxSmsSender Sender => new(_inner, _outbox, new SmsMetrics(_meters), NullLogger<OutboxSmsSender>.Instance);

    [Fact]
    public async Task A_sent_message_is_not_stored()
    {
        await Sender.SendAsync(Message, default);
        await _outbox.DidNotReceiveWithAnyArgs().AddAsync(default!, default);
    }

    [Fact]
    public async Task A_rate_limited_message_is_stored_for_later()
    {
        _inner.SendAsync(Message, Arg.Any<CancellationToken>()).ThrowsAsync(new SmsRateLimitedException("limited"));
        await Sender.SendAsync(Message, default);
        await _outbox.Received(1).AddAsync(Message, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_message_no_provider_can_take_is_stored_for_later()
    {
        _inner.SendAsync(Message, Arg.Any<CancellationToken>()).ThrowsAsync(new SmsUnavailableException("down"));
        await Sender.SendAsync(Message, default);
        await _outbox.Received(1).AddAsync(Message, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_stored_message_is_counted_with_its_reason()
    {
        using var stored = TestMeters.Collect<long>(_meters, SmsMetrics.MeterName, "webook.sms.stored");
        _inner.SendAsync(Message, Arg.Any<CancellationToken>()).ThrowsAsync(new SmsRateLimitedException("limited"));
        await Sender.SendAsync(Message, default);
        _inner.SendAsync(Message, Arg.Any<CancellationToken>()).ThrowsAsync(new SmsUnavailableException("down"));
        await Sender.SendAsync(Message, default);

        Assert.Equal(["1 reason=rate_limited", "1 reason=unavailable"], TestMeters.Describe(stored));
    }

    [Fact]
    public async Task Other_failures_and_cancellation_propagate()
    {
        _inner.SendAsync(Message, Arg.Any<CancellationToken>()).ThrowsAsync(new OperationCanceledException());
        await Assert.ThrowsAsync<OperationCanceledException>(() => Sender.SendAsync(Message, default));
        await _outbox.DidNotReceiveWithAnyArgs().AddAsync(default!, default);
    }

    [Fact]
    public async Task When_the_outbox_cannot_store_the_caller_sees_the_failure()
    {
        _inner.SendAsync(Message, Arg.Any<CancellationToken>()).ThrowsAsync(new SmsUnavailableException("down"));
        _outbox.AddAsync(Message, Arg.Any<CancellationToken>()).ThrowsAsync(new IOException("storage down"));
        await Assert.ThrowsAsync<IOException>(() => Sender.SendAsync(Message, default));
    }
}
