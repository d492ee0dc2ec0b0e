using Webook.Core.Interactions.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core;
using Webook.Core.Interactions;
using Webook.Core.Storage.Tables;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Interactions;

/// <summary>The app's own services (AddWebookCore) against the test Azurite, Redis and Kafka broker, with a topic, group and tables of their own.</summary>
public sealed class ReadCounting
{
    public ReadCounting()
    {
        Settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestEnvironment.StorageConnectionString,
            ["Storage:TablePrefix"] = TestEnvironment.UniqueName("it"),
            ["Redis:ConnectionString"] = TestEnvironment.RedisConnectionString,
            ["Redis:KeyPrefix"] = TestEnvironment.UniqueName("it") + ":",
            ["Kafka:BootstrapServers"] = TestEnvironment.KafkaBootstrapServers,
            ["ReadEvents:Topic"] = TestEnvironment.UniqueName("reads"),
            ["ReadEvents:ConsumerGroup"] = TestEnvironment.UniqueName("counter"),
            ["ReadEvents:BatchSize"] = "1000",
            ["ReadEvents:BatchWait"] = "00:00:00.500",
            ["ReadEvents:SessionTimeout"] = "00:00:06",
            ["ReadEvents:RetryDelay"] = "00:00:00.100",
        };
    }

    public Dictionary<string, string?> Settings { get; }

    /// <summary>A fresh set of services, as a new process would have; <paramref name="storeAround"/> wraps the table store.</summary>
    public ServiceProvider Services(Func<IInteractionStore, IInteractionStore>? storeAround = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        var services = new ServiceCollection().AddLogging().AddWebookCore(configuration);
        if (storeAround is not null)
            services.AddSingleton(sp => storeAround(ActivatorUtilities.CreateInstance<TableInteractionStore>(sp)));
        return services.BuildServiceProvider();
    }

    public static async Task<Dictionary<long, long>> ReadCountsAsync(IServiceProvider services, IEnumerable<long> articles)
    {
        var store = services.GetRequiredService<IInteractionStore>();
        var counts = new Dictionary<long, long>();
        foreach (var article in articles) counts[article] = (await store.GetCountsAsync(article, default)).Reads;
        return counts;
    }
}

/// <summary>Passes calls through and counts the read writes; past <paramref name="dieAfter"/> of them it hangs like a dead process.</summary>
public sealed class WatchedStore(IInteractionStore inner, int dieAfter = int.MaxValue) : IInteractionStore
{
    private int _readWrites;
    private readonly TaskCompletionSource _died = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int ReadWrites => Volatile.Read(ref _readWrites);
    public Task Died => _died.Task;

    public async Task<InteractionCounts?> AddReadsAsync(long articleId, IReadOnlyCollection<EventPosition> reads, CancellationToken ct)
    {
        if (Interlocked.Increment(ref _readWrites) > dieAfter)
        {
            _died.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        }
        return await inner.AddReadsAsync(articleId, reads, ct);
    }

    public Task<InteractionCounts?> SetLikeAsync(long articleId, long articleAuthor, long userId, bool like, CancellationToken ct) =>
        inner.SetLikeAsync(articleId, articleAuthor, userId, like, ct);

    public Task<InteractionCounts?> SetCollectAsync(long articleId, long articleAuthor, long userId, long collectionId, bool collect, CancellationToken ct) =>
        inner.SetCollectAsync(articleId, articleAuthor, userId, collectionId, collect, ct);

    public Task<InteractionCounts> GetCountsAsync(long articleId, CancellationToken ct) => inner.GetCountsAsync(articleId, ct);

    public Task<UserInteraction> GetUserInteractionAsync(long articleId, long userId, CancellationToken ct) =>
        inner.GetUserInteractionAsync(articleId, userId, ct);
}
