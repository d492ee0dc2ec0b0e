using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;
using Microsoft.Extensions.Options;
using NSubstitute;
using Webook.Core.Storage.Kafka;
using Webook.Functions;

namespace Webook.FunctionAppTests;

/// <summary>The Kafka triggers' security, decided from Kafka:SaslUsername when the host reads the worker's functions.</summary>
public sealed class KafkaSecurityTransformerTests
{
    // What the SDK's generator writes for ReadEventsFunction's attribute (camelCase names, the %settings% unresolved).
    private const string KafkaTrigger =
        """{"name":"records","direction":"In","type":"kafkaTrigger","brokerList":"%Kafka:BootstrapServers%","topic":"%ReadEvents:Topic%","consumerGroup":"%ReadEvents:ConsumerGroup%","isBatched":true,"username":"%Kafka:SaslUsername%","password":"%Kafka:SaslPassword%","cardinality":"Many","dataType":"Binary","properties":{}}""";

    private const string HttpTrigger = """{"name":"request","direction":"In","type":"httpTrigger","authLevel":"Anonymous","methods":["get"],"route":"articles/hot","properties":{}}""";

    [Fact]
    public void With_a_sasl_user_a_kafka_trigger_speaks_sasl_ssl_with_plain_and_keeps_the_credentials_as_setting_references()
    {
        var binding = TransformOne(KafkaTrigger, saslUsername: "$ConnectionString");

        Assert.Equal("SaslSsl", (string?)binding["protocol"]);
        Assert.Equal("Plain", (string?)binding["authenticationMode"]);
        Assert.Equal("%Kafka:SaslUsername%", (string?)binding["username"]);
        Assert.Equal("%Kafka:SaslPassword%", (string?)binding["password"]);
        Assert.Equal("%Kafka:BootstrapServers%", (string?)binding["brokerList"]);
    }

    [Fact]
    public void Without_a_sasl_user_a_kafka_trigger_speaks_plain_text_without_credentials()
    {
        var withProtocol = KafkaTrigger.Replace("\"isBatched\":true", "\"isBatched\":true,\"Protocol\":\"SaslSsl\",\"authenticationMode\":\"Plain\"");

        var binding = TransformOne(withProtocol, saslUsername: "");

        foreach (var key in new[] { "protocol", "Protocol", "authenticationMode", "username", "password" })
            Assert.False(binding.ContainsKey(key), key);
        Assert.Equal("%ReadEvents:Topic%", (string?)binding["topic"]);
        Assert.True((bool?)binding["isBatched"]);
    }

    [Fact]
    public void Other_bindings_are_left_as_they_were()
    {
        var function = Function(HttpTrigger);

        Transformer("$ConnectionString").Transform([function]);

        Assert.Equal(HttpTrigger, Assert.Single(function.RawBindings!));
    }

    private static JsonObject TransformOne(string binding, string saslUsername)
    {
        var function = Function(binding);
        Transformer(saslUsername).Transform([function]);
        return JsonNode.Parse(Assert.Single(function.RawBindings!))!.AsObject();
    }

    private static KafkaSecurityTransformer Transformer(string saslUsername) =>
        new(Options.Create(new KafkaOptions { SaslUsername = saslUsername }));

    private static IFunctionMetadata Function(string binding)
    {
        var function = Substitute.For<IFunctionMetadata>();
        function.RawBindings.Returns(new List<string> { binding });
        return function;
    }
}
