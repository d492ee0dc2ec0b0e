using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Webook.Server;

namespace Webook.TestSupport;

/// <summary>
/// Webook.Server started in this process on a free loopback port, driven over real HTTP. Each instance
/// gets its own table prefix and Redis key prefix, so tests never see each other's data.
/// </summary>
public sealed class RunningServer : IAsyncDisposable
{
    public const string UserAgent = "webook-tests/1.0";

    private readonly WebApplication _app;

    private RunningServer(WebApplication app, Uri address, IReadOnlyDictionary<string, string?> settings, CapturedLogs logs)
    {
        _app = app;
        Logs = logs;
        BaseAddress = address;
        Settings = settings;
    }

    public Uri BaseAddress { get; }
    public IReadOnlyDictionary<string, string?> Settings { get; }
    public IServiceProvider Services => _app.Services;
    public CapturedLogs Logs { get; }

    public static async Task<RunningServer> StartAsync(IDictionary<string, string?>? overrides = null, Action<WebApplicationBuilder>? configure = null)
    {
        var settings = DefaultSettings();
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;

        var args = settings.Select(s => $"--{s.Key}={s.Value}").ToArray();
        var logs = new CapturedLogs();
        var app = WebookServer.Create(args, builder =>
        {
            builder.Logging.AddProvider(logs);
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new RunningServer(app, new Uri(address), settings, logs);
    }

    public HttpClient CreateClient(string userAgent = UserAgent)
    {
        // No cookie jar: a test sends the cookies it means to, as the browser it plays would (the WeChat login's state cookie).
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The settings every test server starts with: its own table, Redis key and topic names on the shared test stack.</summary>
    public static Dictionary<string, string?> DefaultSettings() => new Dictionary<string, string?>
    {
        ["urls"] = "http://127.0.0.1:0",
        ["environment"] = "Development",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Storage:ConnectionString"] = TestEnvironment.StorageConnectionString,
        ["Storage:TablePrefix"] = TestEnvironment.UniqueName("t"),
        ["Storage:MaxRetries"] = "1",
        ["Storage:RetryDelay"] = "00:00:00.100",
        ["Redis:ConnectionString"] = TestEnvironment.RedisConnectionString,
        ["Kafka:BootstrapServers"] = TestEnvironment.KafkaBootstrapServers,
        // Each server reads and counts its own topic: its events land in its own tables.
        ["ReadEvents:Topic"] = TestEnvironment.UniqueName("reads"),
        ["ReadEvents:ConsumerGroup"] = TestEnvironment.UniqueName("counter"),
        ["ReadEvents:SessionTimeout"] = "00:00:06",
        ["ReadEvents:TopicRefreshInterval"] = "00:00:01",
        // Each server its own event topic and notification group: one server's consumer never takes another's follows.
        ["Follows:EventTopic"] = TestEnvironment.UniqueName("follows"),
        ["Comments:EventTopic"] = TestEnvironment.UniqueName("comments"),
        ["Interactions:EventTopic"] = TestEnvironment.UniqueName("interactions"),
        ["Notifications:ConsumerGroup"] = TestEnvironment.UniqueName("notifier"),
        ["Notifications:SessionTimeout"] = "00:00:06",
        ["Notifications:TopicRefreshInterval"] = "00:00:01",
        ["Notifications:BatchWait"] = "00:00:00.100",
        ["Feed:ArticleEventTopic"] = TestEnvironment.UniqueName("articles"),
        ["Feed:ConsumerGroup"] = TestEnvironment.UniqueName("feed"),
        ["Feed:SessionTimeout"] = "00:00:06",
        ["Feed:TopicRefreshInterval"] = "00:00:01",
        ["Feed:BatchWait"] = "00:00:00.100",
        ["Payments:EventTopic"] = TestEnvironment.UniqueName("payments"),
        ["Rewards:ConsumerGroup"] = TestEnvironment.UniqueName("rewarder"),
        ["Rewards:SessionTimeout"] = "00:00:06",
        ["Rewards:TopicRefreshInterval"] = "00:00:01",
        ["Rewards:BatchWait"] = "00:00:00.100",
        // A publication shows in the latest list at once (the lifetime is tested on its own).
        ["Feed:LatestLifetime"] = "00:00:00",
        ["Feed:PulledAuthorsLifetime"] = "00:00:00",
        ["Redis:KeyPrefix"] = TestEnvironment.UniqueName("test") + ":",
        ["Auth:AccessTokenKey"] = RandomKey(),
        ["Auth:RefreshTokenKey"] = RandomKey(),
        // Real PBKDF2, fewer rounds: the tests sign up hundreds of users on two cores.
        ["Accounts:PasswordHashIterations"] = "1000",
        // The production ACS client against the fake ACS; the sending number tells this server's messages apart.
        ["Sms:Providers:0"] = "acs",
        ["Sms:Acs:ConnectionString"] = FakeAcsSms.Shared.ConnectionString,
        ["Sms:Acs:From"] = FakeAcsSms.NewFrom(),
        ["Sms:Codes:ResendInterval"] = "00:00:02",
        // Every request of a test comes from 127.0.0.1: the abuse limits get their own tests.
        ["Sms:SendLimits:PerClientLimit"] = "1000000",
        ["Sms:SendLimits:GlobalLimit"] = "1000000",
        ["Accounts:LoginLimits:PerClientLimit"] = "1000000",
        // Tests run in parallel on two cores; the deadline gets its own tests (FrozenDependencyTests).
        ["Http:RequestTimeout"] = "00:00:30",
    }.Concat(SharedFakeWeChat.Settings()).Concat(SharedFakeWeChatPay.Settings()).ToDictionary();

    private static string RandomKey() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
}
