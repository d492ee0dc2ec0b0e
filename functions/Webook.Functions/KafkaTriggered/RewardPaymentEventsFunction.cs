using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Rewards;

namespace Webook.Functions;

/// <summary>
/// The reward consumer of the Function App: the Kafka extension hands over a batch of payment events
/// (<c>Payments__EventTopic</c>) in the group <c>Rewards__ConsumerGroup</c> and stores its offsets only when the function
/// succeeds; <see cref="RewardPaymentEvents"/> credits nothing twice, so a batch run again changes nothing.
/// </summary>
public sealed class RewardPaymentEventsFunction(RewardPaymentEvents events, IOptions<RewardOptions> options, TimeProvider time,
    ILogger<RewardPaymentEventsFunction> logger)
{
    [Function(RewardRoutes.Names.PaymentEvents)]
    public async Task Run(
        [KafkaTrigger("%Kafka:BootstrapServers%", "%Payments:EventTopic%", ConsumerGroup = "%Rewards:ConsumerGroup%", IsBatched = true,
            Username = "%Kafka:SaslUsername%", Password = "%Kafka:SaslPassword%")]
        KafkaRecord[] records,
        CancellationToken ct)
    {
        try
        {
            await events.HandleAsync(records.Select(r => r.Value).ToList(), ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // The extension retries a failed batch at once; pause first, as Webook.Server's consumer does.
            logger.LogError(e, "A batch of {Count} payment events failed; it will be applied again in {Delay}", records.Length, options.Value.RetryDelay);
            await Task.Delay(options.Value.RetryDelay, time, ct);
            throw;
        }
    }
}
