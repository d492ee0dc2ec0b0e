using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Comments.Storage;
using Webook.Core.Common;
using Webook.Core.Storage.Tables;

namespace Webook.Core.Comments;

/// <summary>Comments; <see cref="ICommentedArticles"/> is registered by Articles, which answers it.</summary>
public static class CommentRegistration
{
    public static void AddComments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWebookOptions<CommentOptions>(configuration, CommentOptions.Section);
        services.AddSingleton<ICommentStore, TableCommentStore>();
        services.AddSingleton(new OutboxTable(WebookTables.Comments));
        services.AddSingleton<ICommentPageCache, RedisCommentPageCache>();
        services.AddSingleton<CommentCounts>();
        services.AddSingleton<CommentHandlers>();
    }
}
