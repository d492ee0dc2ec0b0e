using Webook.Core.Comments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Articles.Storage;
using Webook.Core.Interactions;
using Webook.Core.Ranking;
using Webook.Core.Storage.Tables;

namespace Webook.Core.Articles;

public static class ArticleRegistration
{
    public static void AddArticles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWebookOptions<ArticleOptions>(configuration, ArticleOptions.Section);
        services.AddSingleton<ArticleContainers>();
        services.AddSingleton<ArticleRows>();
        services.AddSingleton<ArticleBlobs>();
        services.AddSingleton<ArticleIdClaims>();
        services.AddSingleton<IArticleStore, TableArticleStore>();
        services.AddSingleton<IArticleCache, RedisArticleCache>();
        services.AddSingleton<ArticleRepository>();
        services.AddSingleton<ArticleHtmlSanitizer>();
        services.AddSingleton<ArticleHandlers>();
        services.AddSingleton<ArticleBlobSweep>();
        // The ports other features own, answered from articles.
        services.AddSingleton<IPublishedArticles>(sp => sp.GetRequiredService<ArticleRepository>());
        services.AddSingleton<ICommentedArticles>(sp => sp.GetRequiredService<ArticleRepository>());
        services.AddSingleton(new OutboxTable(WebookTables.Published));
        services.AddSingleton<TableRecentlyPublished>();
        services.AddSingleton<IRecentlyPublished>(sp => sp.GetRequiredService<TableRecentlyPublished>());
        services.AddSingleton<Collections.IListedArticles>(sp => sp.GetRequiredService<TableRecentlyPublished>());
        services.AddSingleton<Notifications.INotifiedArticles>(sp => sp.GetRequiredService<TableRecentlyPublished>());
        services.AddSingleton<Feed.IFeedArticles>(sp => sp.GetRequiredService<TableRecentlyPublished>());
    }
}
