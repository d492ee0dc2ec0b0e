using Microsoft.Extensions.Options;
using Webook.Core.Payments;
using Webook.Core.Storage.Kafka;

namespace Webook.Core.Rewards.Kafka;

/// <summary>Webook.Server's reward consumer: the shared consumer loop on Payments:EventTopic, each batch applied by <see cref="RewardPaymentEvents"/>.</summary>
public sealed class KafkaRewardConsumer(RewardPaymentEvents events, KafkaBatchConsumer loop, IOptions<RewardOptions> options, IOptions<PaymentOptions> payments)
    : IEventConsumerLoop
{
    public string Name => "reward consumer";

    public bool Enabled => options.Value.ConsumerEnabled;

    public TimeSpan RetryDelay => options.Value.RetryDelay;

    public Task RunAsync(CancellationToken stop) =>
        loop.RunAsync(options.Value.Loop(Name, [payments.Value.EventTopic]), (batch, ct) => events.HandleAsync(batch.Select(r => r.Message.Value).ToList(), ct), null, stop);
}
