using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Webook.Core.Accounts;
using Webook.Core.Articles;
using Webook.Core.Collections;
using Webook.Core.Comments;
using Webook.Core.Follows;
using Webook.Core.Messages;
using Webook.Core.Notifications;
using Webook.Core.Feed;
using Webook.Core.WeChatLogin;
using Webook.Core.Payments;
using Webook.Core.Rewards;
using Webook.Core.Storage.Kafka;
using Webook.Core.Auth;
using Webook.Core.Common;
using Webook.Core.Health;
using Webook.Core.Http;
using Webook.Core.Interactions;
using Webook.Core.Observability;
using Webook.Core.Ranking;
using Webook.Core.Sms;
using Webook.Core.Storage;
using Webook.Core.Storage.Redis;
using Webook.Core.Storage.Tables;

namespace Webook.Core;

/// <summary>Everything both hosts need, bound from the same configuration keys.</summary>
public static class WebookServiceCollectionExtensions
{
    public static IServiceCollection AddWebookCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IdGenerator>();
        services.AddMetrics();
        services.AddSingleton<RequestMetrics>();
        services.AddSingleton<CacheMetrics>();
        services.AddSingleton<RateLimitMetrics>();
        services.AddSingleton<HandlerGuard>();
        services.AddSingleton<RouteInvoker>();
        services.AddWebookOptions<HttpOptions>(configuration, HttpOptions.Section);
        // CORS of api.md, one registration for both hosts: Webook.Server applies it with UseCors(), the Function App with
        // its worker middleware, both through ASP.NET Core's ICorsService.
        var cors = configuration.GetSection(CorsSettings.Section).Get<CorsSettings>() ?? new CorsSettings();
        services.AddCors(options => options.AddDefaultPolicy(cors.Apply));

        services.AddStorage(configuration);
        services.AddAuth(configuration);
        services.AddAccounts(configuration);
        services.AddSms(configuration);
        services.AddArticles(configuration);
        services.AddInteractions(configuration);
        services.AddRanking(configuration);
        services.AddFollows(configuration);
        services.AddComments(configuration);
        services.AddCollections(configuration);
        services.AddMessages(configuration);
        services.AddNotifications(configuration);
        services.AddFeed(configuration);
        services.AddWeChatLogin(configuration);
        services.AddPayments(configuration);
        services.AddRewards(configuration);
        services.AddWebookOptions<TelemetryOptions>(configuration, TelemetryOptions.Section);
        services.AddHealth(configuration);
        return services;
    }

    private static void AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWebookOptions<StorageOptions>(configuration, StorageOptions.Section);
        services.AddWebookOptions<RedisOptions>(configuration, RedisOptions.Section);
        services.AddWebookOptions<KafkaOptions>(configuration, KafkaOptions.Section);
        KafkaNativeLibrary.UseBundled();
        services.AddStorageClients(configuration);
        services.AddSingleton<WebookTables>();
        services.AddSingleton<RedisConnection>();
        services.AddSingleton<IEventProducer, KafkaEventProducer>();
        services.AddSingleton<KafkaBatchConsumer>();
        services.AddWebookOptions<OutboxOptions>(configuration, OutboxOptions.Section);
        services.AddSingleton<TableOutbox>();
        services.AddWebookOptions<LocalCacheOptions>(configuration, LocalCacheOptions.Section);
        services.AddSingleton<IInvalidationBus, RedisInvalidationBus>();
        services.AddSingleton<LocalCacheTier>();
        services.AddSingleton<ISlidingWindowLimiter, RedisSlidingWindowLimiter>();
    }

    /// <summary>Binds an options class to its section; its data annotations are checked at start, each failure naming the setting.</summary>
    internal static void AddWebookOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class =>
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateSettings(section).ValidateOnStart();
}
