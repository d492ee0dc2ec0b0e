using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Common;
using Webook.Core.Feed.Kafka;
using Webook.Core.Feed.Storage;

namespace Webook.Core.Feed;

public static class FeedRegistration
{
    public static void AddFeed(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWebookOptions<FeedOptions>(configuration, FeedOptions.Section);
        services.AddSingleton<IFeedStore, TableFeedStore>();
        services.AddSingleton<FeedEvents>();
        services.AddSingleton<KafkaFeedConsumer>();
        services.AddSingleton<PulledAuthors>();
        services.AddSingleton<LatestArticles>();
        services.AddSingleton<FeedPages>();
        services.AddSingleton<FeedHandlers>();
    }
}
