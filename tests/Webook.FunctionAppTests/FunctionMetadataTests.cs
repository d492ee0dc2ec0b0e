using Webook.Core.Feed;
using Webook.Core.Interactions;
using Webook.Core.Notifications;
using Webook.Core;
using System.Text.Json;
using System.Text.RegularExpressions;
using Webook.Core.Http;
using Webook.TestSupport;

namespace Webook.FunctionAppTests;

/// <summary>
/// The functions.metadata the Functions SDK generated for this build, function by function, against core's route
/// table: the host routes and schedules exactly what the table says, and a route added to core without its function
/// (or a function with another method or template) fails here.
/// </summary>
public sealed class FunctionMetadataTests
{
    private static readonly string[] AllMethods = ["get", "post", "put", "patch", "delete", "head", "options"];

    private static readonly Lazy<List<JsonElement>> Functions = new(() =>
    {
        var path = Path.Combine(FunctionAppBuild.Output, "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(f => f.Clone()).ToList();
    });

    public static TheoryData<string> Routes() => new(ApiRoutes.All.Select(r => r.Name));

    [Theory]
    [MemberData(nameof(Routes))]
    public void Every_route_has_exactly_one_http_function_with_its_name_method_and_template(string name)
    {
        var route = ApiRoutes.Named(name);

        var trigger = Trigger(Assert.Single(Functions.Value, f => Name(f) == name), "httpTrigger");

        Assert.Equal([route.Method.ToLowerInvariant()], Methods(trigger));
        Assert.Equal(route.Template, trigger.GetProperty("route").GetString());
        Assert.Equal("Anonymous", trigger.GetProperty("authLevel").GetString());
    }

    [Fact]
    public void The_only_other_http_function_is_the_catch_all_for_every_method()
    {
        var http = Functions.Value.Where(f => Bindings(f).Any(b => Type(b) == "httpTrigger")).Select(Name).Order(StringComparer.Ordinal);
        Assert.Equal(ApiRoutes.All.Select(r => r.Name).Append(NoRouteHandler.FunctionName).Order(StringComparer.Ordinal), http);

        var catchAll = Trigger(Functions.Value.Single(f => Name(f) == NoRouteHandler.FunctionName), "httpTrigger");
        Assert.Equal(NoRouteHandler.Template, catchAll.GetProperty("route").GetString());
        Assert.Equal(AllMethods.Order(StringComparer.Ordinal), Methods(catchAll).Order(StringComparer.Ordinal));
    }

    public static TheoryData<string> Timers() => new(ApiRoutes.ScheduledJobs.Select(j => j.Name));

    [Theory]
    [MemberData(nameof(Timers))]
    public void Every_timer_runs_on_the_schedule_setting_of_the_table_which_the_sample_lists(string name)
    {
        var job = ApiRoutes.ScheduledJobs.Single(j => j.Name == name);

        var trigger = Trigger(Assert.Single(Functions.Value, f => Name(f) == name), "timerTrigger");

        Assert.Equal($"%{job.ScheduleSetting}%", trigger.GetProperty("schedule").GetString());
        Assert.Contains(job.ScheduleSetting.Replace(":", "__", StringComparison.Ordinal), SampleKeys());
    }

    [Fact]
    public void The_app_has_no_function_the_table_does_not_name()
    {
        var expected = ApiRoutes.All.Select(r => r.Name).Append(NoRouteHandler.FunctionName)
            .Concat(ApiRoutes.ScheduledJobs.Select(j => j.Name));
        if (!FunctionAppBuild.WithoutKafkaTrigger) expected = expected.Append(InteractionRoutes.Names.ReadEvents).Append(NotificationRoutes.Names.FollowEvents).Append(NotificationRoutes.Names.CommentEvents)
            .Append(NotificationRoutes.Names.InteractionEvents).Append(FeedRoutes.Names.ArticleEvents).Append(FeedRoutes.Names.FollowEvents);

        Assert.Equal(expected.Order(StringComparer.Ordinal), Functions.Value.Select(Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Read_events_are_a_batched_kafka_trigger_on_the_read_event_settings_whose_security_is_decided_at_run_time()
    {
        if (FunctionAppBuild.WithoutKafkaTrigger)
        {
            // Left out of this build (WebookWithoutKafkaTrigger): its source still declares what the metadata would carry.
            Assert.DoesNotContain(Functions.Value, f => Name(f) == InteractionRoutes.Names.ReadEvents);
            var source = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "functions", "Webook.Functions", "KafkaTriggered", "ReadEventsFunction.cs"));
            var attribute = Regex.Match(source, @"\[Function\(InteractionRoutes\.Names\.ReadEvents\)\][^\[]*\[KafkaTrigger\((?<args>[^\]]*)\)\]").Groups["args"].Value;
            Assert.Contains("\"%Kafka:BootstrapServers%\", \"%ReadEvents:Topic%\", ConsumerGroup = \"%ReadEvents:ConsumerGroup%\", IsBatched = true", attribute);
            Assert.Contains("Username = \"%Kafka:SaslUsername%\", Password = \"%Kafka:SaslPassword%\"", attribute);
            Assert.DoesNotContain("Protocol", attribute);
            return;
        }

        var trigger = Trigger(Functions.Value.Single(f => Name(f) == InteractionRoutes.Names.ReadEvents), "kafkaTrigger");
        Assert.Equal("%Kafka:BootstrapServers%", trigger.GetProperty("brokerList").GetString());
        Assert.Equal("%ReadEvents:Topic%", trigger.GetProperty("topic").GetString());
        Assert.Equal("%ReadEvents:ConsumerGroup%", trigger.GetProperty("consumerGroup").GetString());
        Assert.Equal("Many", trigger.GetProperty("cardinality").GetString());
        Assert.False(trigger.TryGetProperty("protocol", out _), "the protocol is KafkaSecurityTransformer's, at run time");
    }

    [Theory]
    [InlineData(NotificationRoutes.Names.FollowEvents, "FollowEvents", "Follows:EventTopic")]
    [InlineData(NotificationRoutes.Names.CommentEvents, "CommentEvents", "Comments:EventTopic")]
    [InlineData(NotificationRoutes.Names.InteractionEvents, "InteractionEvents", "Interactions:EventTopic")]
    public void Events_reach_the_notifier_through_a_batched_kafka_trigger_per_topic_in_the_notification_group(string name, string field, string topic)
    {
        if (FunctionAppBuild.WithoutKafkaTrigger)
        {
            Assert.DoesNotContain(Functions.Value, f => Name(f) == name);
            var source = File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "functions", "Webook.Functions", "KafkaTriggered", "NotificationEventsFunction.cs"));
            var attribute = Regex.Match(source, $@"\[Function\(NotificationRoutes\.Names\.{field}\)\][^\[]*\[KafkaTrigger\((?<args>[^\]]*)\)\]").Groups["args"].Value;
            Assert.Contains($"\"%Kafka:BootstrapServers%\", \"%{topic}%\", ConsumerGroup = \"%Notifications:ConsumerGroup%\", IsBatched = true", attribute);
            Assert.Contains("Username = \"%Kafka:SaslUsername%\", Password = \"%Kafka:SaslPassword%\"", attribute);
            return;
        }

        var trigger = Trigger(Functions.Value.Single(f => Name(f) == name), "kafkaTrigger");
        Assert.Equal($"%{topic}%", trigger.GetProperty("topic").GetString());
        Assert.Equal("%Notifications:ConsumerGroup%", trigger.GetProperty("consumerGroup").GetString());
        Assert.Equal("Many", trigger.GetProperty("cardinality").GetString());
    }

    private static string? Name(JsonElement function) => function.GetProperty("name").GetString();

    private static IEnumerable<JsonElement> Bindings(JsonElement function) => function.GetProperty("bindings").EnumerateArray();

    private static string? Type(JsonElement binding) => binding.GetProperty("type").GetString();

    private static JsonElement Trigger(JsonElement function, string type) => Assert.Single(Bindings(function), b => Type(b) == type);

    private static string[] Methods(JsonElement trigger) =>
        trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()).ToArray();

    private static IEnumerable<string> SampleKeys()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestEnvironment.RepositoryRoot, "local.settings.sample.json")));
        return sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToList();
    }
}
