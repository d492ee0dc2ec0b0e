namespace Webook.Core.Storage.Kafka;

public sealed class KafkaOptions
{
    public const string Section = "Kafka";

    /// <summary>host:port list of the brokers; empty means Kafka is not configured (the health check says so).</summary>
    public string BootstrapServers { get; set; } = "";
}
