using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Collections.Storage;
using Webook.Core.Common;

namespace Webook.Core.Collections;

/// <summary>Collections and the reader's lists; <see cref="IListedArticles"/> is registered by Articles, which answers it.</summary>
public static class CollectionRegistration
{
    public static void AddCollections(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWebookOptions<CollectionOptions>(configuration, CollectionOptions.Section);
        services.AddSingleton<TableCollectionStore>();
        services.AddSingleton<ICollectionStore>(sp => sp.GetRequiredService<TableCollectionStore>());
        services.AddSingleton<Interactions.IReaderLists>(sp => sp.GetRequiredService<TableCollectionStore>());
        services.AddSingleton<CollectionDeletion>();
        services.AddSingleton<CollectionHandlers>();
    }
}
