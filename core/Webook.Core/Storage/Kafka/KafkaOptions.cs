using Confluent.Kafka;

namespace Webook.Core.Storage.Kafka;

public sealed class KafkaOptions
{
    public const string Section = "Kafka";

    /// <summary>host:port list of the brokers; empty means Kafka is not configured (the health check says so).</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>
    /// SASL PLAIN user; empty connects in plain text (the local broker). Azure Event Hubs' Kafka endpoint takes
    /// "$ConnectionString" with the namespace or hub connection string as the password, over TLS.
    /// </summary>
    public string SaslUsername { get; set; } = "";

    /// <summary>SASL PLAIN password (a secret: a Key Vault reference on Azure).</summary>
    public string SaslPassword { get; set; } = "";

    /// <summary>
    /// How long an event (<see cref="KafkaEventProducer"/>) may take to be acknowledged by the brokers; one not
    /// acknowledged by then is left to its outbox (the feature's timer sends it again).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ProduceTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The brokers and, when a SASL user is set, SASL_SSL with PLAIN: for every producer, consumer and admin client.</summary>
    public T Apply<T>(T config) where T : ClientConfig
    {
        config.BootstrapServers = BootstrapServers;
        if (SaslUsername.Length == 0) return config;
        config.SecurityProtocol = SecurityProtocol.SaslSsl;
        config.SaslMechanism = SaslMechanism.Plain;
        config.SaslUsername = SaslUsername;
        config.SaslPassword = SaslPassword;
        return config;
    }
}
