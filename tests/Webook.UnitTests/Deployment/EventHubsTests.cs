using System.Text.Json;
using System.Text.RegularExpressions;

namespace Webook.UnitTests.Deployment;

/// <summary>
/// The broker infra/ creates for the app: an event hub for every Kafka topic the sample names, a consumer group for
/// every group the sample names on each hub the Function App's Kafka triggers read with it, and one namespace SAS rule
/// with Send and Listen only, whose connection string is the Kafka password in Key Vault. Reads the ARM template
/// `bicep build` makes of infra/main.bicep; the hub list is main.bicep's <c>hubs</c>, whose names are the sample's
/// values (<c>sample.X</c>, compiled to <c>[variables('sample').X]</c>) or literals.
/// </summary>
public sealed partial class EventHubsTests
{
    private const string EventHubsModule = "eventHubs";

    [GeneratedRegex(@"^[A-Za-z]+__\w*Topic$")]
    private static partial Regex TopicSetting();

    [GeneratedRegex(@"^[A-Za-z]+__ConsumerGroup$")]
    private static partial Regex GroupSetting();

    [GeneratedRegex(@"^\[variables\('sample'\)\.(\w+)\]$")]
    private static partial Regex SampleReference();

    // [KafkaTrigger("%Kafka:BootstrapServers%", "%Follows:EventTopic%", ConsumerGroup = "%Notifications:ConsumerGroup%", ...
    [GeneratedRegex(@"KafkaTrigger\(\s*""[^""]*"",\s*""%(?<topic>[^%""]+)%"",\s*ConsumerGroup\s*=\s*""%(?<group>[^%""]+)%""")]
    private static partial Regex KafkaTrigger();

    [Fact]
    public void Every_kafka_topic_setting_of_the_sample_is_an_event_hub()
    {
        var topics = Sample().Where(s => TopicSetting().IsMatch(s.Key)).ToList();

        Assert.Contains(topics, s => s.Key == "ReadEvents__Topic");
        Assert.Contains(topics, s => s.Key == "Follows__EventTopic");
        var hubs = Hubs().Select(h => h.Name).ToHashSet();
        Assert.All(topics, s => Assert.True(hubs.Contains(s.Value), $"{s.Key} = {s.Value} is no event hub of infra/"));
    }

    [Fact]
    public void Every_consumer_group_setting_of_the_sample_is_a_consumer_group_of_a_hub()
    {
        var groups = Sample().Where(s => GroupSetting().IsMatch(s.Key)).ToList();

        Assert.Equal(["ReadEvents__ConsumerGroup", "Notifications__ConsumerGroup", "Feed__ConsumerGroup", "Rewards__ConsumerGroup"], groups.Select(s => s.Key));
        var created = Hubs().SelectMany(h => h.Groups).ToHashSet();
        Assert.All(groups, s => Assert.True(created.Contains(s.Value), $"{s.Key} = {s.Value} is no consumer group of infra/"));
    }

    [Fact]
    public void Every_kafka_trigger_of_the_function_app_has_its_consumer_group_on_its_hub()
    {
        var sample = Sample().ToDictionary(s => s.Key, s => s.Value);
        var triggers = Directory.EnumerateFiles(Path.Combine(Repository.Root, "functions", "Webook.Functions"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => KafkaTrigger().Matches(File.ReadAllText(f)))
            .Select(m => (Topic: m.Groups["topic"].Value.Replace(":", "__", StringComparison.Ordinal),
                          Group: m.Groups["group"].Value.Replace(":", "__", StringComparison.Ordinal)))
            .ToList();

        // The read counter, the notifier (follows, comments) and the feed (articles, follows) at least.
        Assert.True(triggers.Count >= 5, $"found {triggers.Count} Kafka triggers; has their attribute's form changed?");
        var hubs = Hubs().ToDictionary(h => h.Name, h => h.Groups);
        Assert.All(triggers, t =>
        {
            var topic = sample[t.Topic];
            Assert.True(hubs.ContainsKey(topic), $"{t.Topic} = {topic} is no event hub of infra/");
            Assert.Contains(sample[t.Group], hubs[topic]);
        });
    }

    [Fact]
    public void Hub_names_are_unique_and_so_are_the_groups_of_each_hub()
    {
        var hubs = Hubs();

        Assert.Equal(hubs.Count, hubs.Select(h => h.Name).Distinct().Count());
        Assert.All(hubs, h => Assert.Equal(h.Groups.Count, h.Groups.Distinct().Count()));
        // Event Hubs' rule (letters, digits, '.', '-', '_', starting and ending with a letter or digit), in lower case as Kafka topics here are.
        Assert.All(hubs, h => Assert.Matches("^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$", h.Name));
    }

    [Fact]
    public void The_module_makes_one_hub_per_entry_and_one_consumer_group_per_group_of_an_entry_with_the_main_parameters()
    {
        Assert.Equal("[variables('hubs')]", CompiledInfra.ModuleParameter(EventHubsModule, "hubs").GetString());
        var resources = CompiledInfra.Module(EventHubsModule).GetProperty("resources");
        var hub = Single(resources, "Microsoft.EventHub/namespaces/eventhubs");
        var group = Single(resources, "Microsoft.EventHub/namespaces/eventhubs/consumergroups");

        Assert.Equal("[length(parameters('hubs'))]", hub.GetProperty("copy").GetProperty("count").GetString());
        Assert.Contains("parameters('hubs')[copyIndex()].name", hub.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal("[parameters('partitionCount')]", hub.GetProperty("properties").GetProperty("partitionCount").GetString());
        Assert.Equal("[parameters('messageRetentionInDays')]", hub.GetProperty("properties").GetProperty("messageRetentionInDays").GetString());
        Assert.Equal("[length(variables('groups'))]", group.GetProperty("copy").GetProperty("count").GetString());

        var parameters = CompiledInfra.Main.GetProperty("parameters");
        Assert.Equal("[parameters('eventHubPartitionCount')]", CompiledInfra.ModuleParameter(EventHubsModule, "partitionCount").GetString());
        Assert.Equal("[parameters('eventHubRetentionDays')]", CompiledInfra.ModuleParameter(EventHubsModule, "messageRetentionInDays").GetString());
        Assert.Equal(4, parameters.GetProperty("eventHubPartitionCount").GetProperty("defaultValue").GetInt32());
        Assert.Equal(1, parameters.GetProperty("eventHubRetentionDays").GetProperty("defaultValue").GetInt32());
    }

    [Fact]
    public void The_app_signs_in_with_one_namespace_rule_that_has_exactly_send_and_listen()
    {
        var resources = CompiledInfra.Module(EventHubsModule).GetProperty("resources");
        var rule = Single(resources, "Microsoft.EventHub/namespaces/authorizationRules");

        Assert.Equal(["Listen", "Send"], rule.GetProperty("properties").GetProperty("rights").EnumerateArray().Select(r => r.GetString()).Order());
        Assert.Equal("[format('{0}/{1}', parameters('namespaceName'), parameters('ruleName'))]", rule.GetProperty("name").GetString());
        Assert.DoesNotContain(CompiledInfra.Main.GetRawText(), "eventhubs/authorizationRules", StringComparison.OrdinalIgnoreCase);
        Assert.Equal("[variables('names').eventHubRule]", CompiledInfra.ModuleParameter(EventHubsModule, "ruleName").GetString());
        Assert.Equal("[variables('names').eventHubs]", CompiledInfra.ModuleParameter(EventHubsModule, "namespaceName").GetString());
    }

    [Fact]
    public void The_kafka_password_secret_is_the_namespace_rules_connection_string()
    {
        var resources = CompiledInfra.Module("vault").GetProperty("resources");
        var rule = resources.EnumerateObject().Single(r => r.Value.GetProperty("type").GetString() == "Microsoft.EventHub/namespaces/authorizationRules");
        var secret = resources.EnumerateObject().Single(r => r.Value.TryGetProperty("name", out var n) && n.GetString()!.EndsWith("'kafka-sasl-password')]", StringComparison.Ordinal));

        Assert.True(rule.Value.GetProperty("existing").GetBoolean());
        Assert.Equal("[format('{0}/{1}', parameters('eventHubsNamespaceName'), parameters('eventHubRuleName'))]", rule.Value.GetProperty("name").GetString());
        Assert.Equal($"[listKeys('{rule.Name}', '{rule.Value.GetProperty("apiVersion").GetString()}').primaryConnectionString]",
            secret.Value.GetProperty("properties").GetProperty("value").GetString());
        // The same namespace and rule the broker module creates.
        Assert.Equal(CompiledInfra.ModuleParameter(EventHubsModule, "namespaceName").GetString(), CompiledInfra.ModuleParameter("vault", "eventHubsNamespaceName").GetString());
        Assert.Equal(CompiledInfra.ModuleParameter(EventHubsModule, "ruleName").GetString(), CompiledInfra.ModuleParameter("vault", "eventHubRuleName").GetString());
    }

    [Fact]
    public void Every_topic_and_group_setting_reaches_the_function_app_with_the_samples_value()
    {
        var module = CompiledInfra.Module("functionApp");
        var embedded = module.GetProperty("variables").EnumerateObject().Single(v => v.Name.StartsWith("$fxv#", StringComparison.Ordinal)).Value;
        var localOnly = module.GetProperty("variables").GetProperty("localOnly").EnumerateArray().Select(e => e.GetString()).ToHashSet();
        var azure = module.GetProperty("variables").GetProperty("azureSettings");

        foreach (var (key, value) in Sample().Where(s => TopicSetting().IsMatch(s.Key) || GroupSetting().IsMatch(s.Key)))
        {
            Assert.Equal(value, embedded.GetProperty(key).GetString());
            Assert.DoesNotContain(key, localOnly);
            if (!azure.TryGetProperty(key, out var overridden)) continue;
            // Overridden only with a module parameter that main.bicep fills with the sample's own value.
            var parameter = Regex.Match(overridden.GetString()!, @"^\[parameters\('(\w+)'\)\]$");
            Assert.True(parameter.Success, $"{key} is overridden with {overridden}");
            Assert.Equal(value, Evaluate(CompiledInfra.ModuleParameter("functionApp", parameter.Groups[1].Value)));
        }
    }

    private sealed record Hub(string Name, IReadOnlyList<string> Groups);

    private static List<Hub> Hubs() =>
        CompiledInfra.Main.GetProperty("variables").GetProperty("hubs").EnumerateArray()
            .Select(h => new Hub(Evaluate(h.GetProperty("name")), h.GetProperty("consumerGroups").EnumerateArray().Select(Evaluate).ToList()))
            .ToList();

    /// <summary>main.bicep's embedded sample, which must be the file's.</summary>
    private static IReadOnlyList<KeyValuePair<string, string>> Sample()
    {
        var variables = CompiledInfra.Main.GetProperty("variables");
        var embedded = Regex.Match(variables.GetProperty("sample").GetString()!, @"^\[variables\('(\$fxv#\d+)'\)\]$");
        Assert.True(embedded.Success, "main.bicep's sample is no longer loadJsonContent of the sample");
        var values = variables.GetProperty(embedded.Groups[1].Value).EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString() ?? "")).ToList();
        Assert.Equal(Repository.SampleSettings(), values);
        return values;
    }

    /// <summary>A literal, or <c>sample.X</c> as compiled; anything else is a failure, not a guess.</summary>
    private static string Evaluate(JsonElement value)
    {
        var text = value.GetString()!;
        if (!text.StartsWith('[')) return text;
        var reference = SampleReference().Match(text);
        Assert.True(reference.Success, $"{text} is neither a literal nor a value of the sample");
        return Repository.SampleSettings().Single(s => s.Key == reference.Groups[1].Value).Value;
    }

    private static JsonElement Single(JsonElement resources, string type) =>
        resources.EnumerateObject().Select(r => r.Value).Single(r => r.GetProperty("type").GetString() == type);
}
