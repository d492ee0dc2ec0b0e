using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Common;
using Webook.Core.Interactions.Kafka;
using Webook.Core.Interactions.Storage;
using Webook.Core.Storage.Tables;

namespace Webook.Core.Interactions;

/// <summary>Likes, collections and reads; <see cref="IPublishedArticles"/> is registered by Articles, which answers it.</summary>
public static class InteractionRegistration
{
    public static void AddInteractions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWebookOptions<InteractionOptions>(configuration, InteractionOptions.Section);
        services.AddWebookOptions<ReadEventOptions>(configuration, ReadEventOptions.Section);
        services.AddSingleton<ReadEventMetrics>();
        services.AddSingleton<KeyedLocks>();
        services.AddSingleton<IInteractionStore, TableInteractionStore>();
        services.AddSingleton(new OutboxTable(WebookTables.Interactions));
        services.AddSingleton<ICountCache, RedisCountCache>();
        services.AddSingleton<IReaderStateCache, RedisReaderStateCache>();
        services.AddSingleton<InteractionRepository>();
        services.AddSingleton<IReadEventPublisher, KafkaReadEventPublisher>();
        services.AddSingleton<InteractionHandlers>();
        services.AddSingleton<ReadEventBatchHandler>();
        services.AddSingleton<KafkaReadEventConsumer>();
    }
}
