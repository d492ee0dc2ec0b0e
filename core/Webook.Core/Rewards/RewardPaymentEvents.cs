using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Http;
using Webook.Core.Payments;
using Webook.Core.Storage.Kafka;

namespace Webook.Core.Rewards;

/// <summary>
/// Applies a batch of payment events to their rewards (<see cref="RewardSettlement"/>): one payment's events in the order
/// they came, payments side by side. A batch handed over again changes nothing (credits are unique, statuses only move
/// forward). A message that is no payment event is logged and skipped. Throws when a change could not be written; the
/// caller must not commit the batch. Both hosts call it.
/// </summary>
public sealed class RewardPaymentEvents(RewardSettlement settlement, IOptions<RewardOptions> options, ILogger<RewardPaymentEvents> logger)
{
    private readonly EventLanes _lanes = new("Rewards");

    public Task HandleAsync(IReadOnlyList<byte[]> messages, CancellationToken ct) =>
        _lanes.ApplyAsync(messages.Select(Read).OfType<PaymentEvent>().Select(e => (e.BizTradeNo, (Func<CancellationToken, Task>)(c => settlement.ApplyAsync(e, c)))),
            options.Value, ct);

    private PaymentEvent? Read(byte[] message)
    {
        try
        {
            if (JsonSerializer.Deserialize<PaymentEvent>(message, WebookJson.Options) is { BizTradeNo.Length: > 0, Biz.Length: > 0, BizId: > 0 } e
                && Enum.TryParse<PaymentStatus>(e.Status, out _))
                return e;
        }
        catch (JsonException)
        {
        }
        logger.LogWarning("Skipped a message that is no payment event ({Bytes} bytes)", message.Length);
        return null;
    }
}
