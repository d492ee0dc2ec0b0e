using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Ranking.Storage;

namespace Webook.Core.Ranking;

/// <summary>The hot list; <see cref="IRecentlyPublished"/> is registered by Articles, which answers it.</summary>
public static class RankingRegistration
{
    public static void AddRanking(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWebookOptions<HotListOptions>(configuration, HotListOptions.Section);
        services.AddSingleton<IHotListStore, RedisHotListStore>();
        services.AddSingleton<RedisHotListJournal>();
        services.AddSingleton<IHotListJournal>(sp => sp.GetRequiredService<RedisHotListJournal>());
        services.AddSingleton<Interactions.ICountsMirror>(sp => sp.GetRequiredService<RedisHotListJournal>());
        services.AddSingleton<Comments.ICommentCountsMirror>(sp => sp.GetRequiredService<RedisHotListJournal>());
        services.AddSingleton<IHotListCheckpoint, RedisHotListCheckpoint>();
        services.AddSingleton<HotListMetrics>();
        services.AddSingleton<HotListCache>();
        services.AddSingleton<IHotListJob, HotListJob>();
        services.AddSingleton<HotListHandlers>();
        services.AddSingleton<IJobLease, RedisJobLease>();
        services.AddSingleton<ILoadBoard, RedisLoadBoard>();
        services.AddSingleton<InstanceLoad>();
        services.AddSingleton<LeasedHotListRunner>();
    }
}
