using System.Reflection;
using System.Text.RegularExpressions;
using Webook.Core.Http;

namespace Webook.UnitTests.Deployment;

/// <summary>
/// The Function App cannot be built here (its packages are not served), so its sources are read: every route
/// of core's table has one HTTP function, named as the table names it, and the timers and the Kafka trigger exist.
/// </summary>
public sealed class FunctionAppRouteTests
{
    private static readonly Regex Function = new(
        @"\[Function\(ApiRoutes\.Names\.(?<name>\w+)\)\]\s*public[^\[]*\[(?<trigger>HttpTrigger|TimerTrigger|KafkaTrigger)\((?<args>[^\]]*)\)\]",
        RegexOptions.Singleline);

    private static readonly Lazy<List<(string Name, string Trigger, string Args)>> Functions = new(() =>
        Directory.GetFiles(Path.Combine(Repository.Root, "functions", "Webook.Functions"), "*.cs")
            .SelectMany(file => Function.Matches(File.ReadAllText(file)))
            .Select(m => (m.Groups["name"].Value, m.Groups["trigger"].Value, m.Groups["args"].Value))
            .ToList());

    public static TheoryData<string> Routes()
    {
        var data = new TheoryData<string>();
        foreach (var field in typeof(ApiRoutes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral)) data.Add(field.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public void Every_route_of_the_table_has_one_http_function_named_after_it(string route)
    {
        var function = Assert.Single(Functions.Value,
            f => f.Trigger == "HttpTrigger" && f.Args.EndsWith($"Route = ApiRoutes.{route}", StringComparison.Ordinal));
        Assert.Equal(route, function.Name);
        Assert.Contains("AuthorizationLevel.Anonymous", function.Args);
    }

    [Fact]
    public void Every_function_name_of_the_table_is_a_function()
    {
        var names = typeof(ApiRoutes.Names).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name).Order();

        Assert.Equal(names, Functions.Value.Select(f => f.Name).Order());
    }

    [Fact]
    public void The_jobs_are_timers_on_their_schedule_settings_and_read_events_a_batched_kafka_trigger_over_sasl_ssl_in_release()
    {
        Assert.Equal("\"%HotList:Schedule%\"", Trigger("HotListJob", "TimerTrigger"));
        Assert.Equal("\"%Sms:Retry:Schedule%\"", Trigger("SmsRetry", "TimerTrigger"));
        Assert.Equal("\"%Articles:SweepSchedule%\"", Trigger("ArticleBlobSweep", "TimerTrigger"));
        var kafka = Trigger("ReadEvents", "KafkaTrigger");
        Assert.Contains("\"%Kafka:BootstrapServers%\", \"%ReadEvents:Topic%\"", kafka);
        Assert.Contains("IsBatched = true", kafka);
        Assert.Contains("Protocol = KafkaProtocol, AuthenticationMode = KafkaAuthentication", kafka);
        Assert.Matches(@"#else\s+private const BrokerProtocol KafkaProtocol = BrokerProtocol\.SaslSsl;\s+private const BrokerAuthenticationMode KafkaAuthentication = BrokerAuthenticationMode\.Plain;\s+#endif",
            Repository.Read("functions", "Webook.Functions", "ReadEventsFunction.cs"));
    }

    private static string Trigger(string name, string trigger) =>
        Assert.Single(Functions.Value, f => f.Name == name && f.Trigger == trigger).Args;
}
