using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Webook.Core.Sms;
using Webook.Core.Sms.Outbox;

namespace Webook.UnitTests.Sms;

public sealed class SmsRetryJobTests
{
    private readonly ISmsOutbox _outbox = Substitute.For<ISmsOutbox>();
    private readonly ISmsSender _chain = Substitute.For<ISmsSender>();
    private readonly System.Diagnostics.Metrics.IMeterFactory _meters = TestMeters.NewFactory();

    private SmsRetryJob Job() => new(_outbox, _chain, Options.Create(new SmsRetryOptions { BatchSize = 10 }),
        new SmsMetrics(_meters), NullLogger<SmsRetryJob>.Instance);

    private static ClaimedSms Claim(string id) => new(id, new SmsMessage("+8613800138000", "code " + id), 1, default);

    [Fact]
    public async Task Sent_messages_leave_the_outbox_failed_ones_go_back_and_the_depth_is_reported()
    {
        using var depth = TestMeters.Collect<long>(_meters, SmsMetrics.MeterName, "webook.sms.outbox.depth");
        var (sent, failed) = (Claim("1"), Claim("2"));
        _outbox.ClaimDueAsync(10, Arg.Any<CancellationToken>()).Returns([sent, failed]);
        _chain.SendAsync(failed.Message, Arg.Any<CancellationToken>()).ThrowsAsync(new SmsUnavailableException("down"));
        _outbox.CountPendingAsync(Arg.Any<CancellationToken>()).Returns(1);

        var job = Job();

        // Nothing is reported before the job has counted once.
        depth.RecordObservableInstruments();
        Assert.Empty(depth.GetMeasurementSnapshot());
        Assert.Equal(1, await job.RunAsync(default));

        await _outbox.Received(1).MarkSentAsync(sent, Arg.Any<CancellationToken>());
        await _outbox.Received(1).ReleaseAsync(failed, Arg.Any<CancellationToken>());
        depth.RecordObservableInstruments();
        Assert.Equal(1, depth.LastMeasurement?.Value);
    }
}
