using Confluent.Kafka;
using Webook.Core.Storage.Kafka;

namespace Webook.UnitTests.Storage;

public sealed class KafkaOptionsTests
{
    [Fact]
    public void Without_a_sasl_user_clients_connect_in_plain_text()
    {
        var config = new KafkaOptions { BootstrapServers = "127.0.0.1:9092" }.Apply(new ProducerConfig());

        Assert.Equal("127.0.0.1:9092", config.BootstrapServers);
        Assert.Null(config.SecurityProtocol);
        Assert.Null(config.SaslUsername);
    }

    [Fact]
    public void With_a_sasl_user_clients_use_sasl_ssl_with_plain_as_event_hubs_asks()
    {
        var options = new KafkaOptions { BootstrapServers = "ns.servicebus.windows.net:9093", SaslUsername = "$ConnectionString", SaslPassword = "Endpoint=sb://x" };

        var config = options.Apply(new ConsumerConfig { GroupId = "g" });

        Assert.Equal((SecurityProtocol.SaslSsl, SaslMechanism.Plain, "$ConnectionString", "Endpoint=sb://x"),
            (config.SecurityProtocol, config.SaslMechanism, config.SaslUsername, config.SaslPassword));
        Assert.Equal("g", config.GroupId);
    }
}
