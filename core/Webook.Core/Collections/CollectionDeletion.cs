using Webook.Core.Collections.Storage;
using Webook.Core.Interactions;

namespace Webook.Core.Collections;

/// <summary>
/// Deletes a collection whose deletion began (<see cref="ICollectionStore.BeginDeletingAsync"/>): a batch at a time, each
/// article's collect record taken back (so its collectCnt follows), then the batch taken out of the collection, and
/// the row itself once empty. Every step is idempotent, so a deletion a stopped process left half done is finished by
/// running it again (the owner's next list does, after Collections:RepairAfter).
/// </summary>
public sealed class CollectionDeletion(ICollectionStore store, InteractionRepository interactions)
{
    public async Task RunAsync(long userId, long collectionId, CancellationToken ct)
    {
        while (true)
        {
            var articles = await store.ArticlesInAsync(userId, collectionId, TableCollectionStore.RemoveBatch, ct);
            if (articles.Count == 0)
            {
                if (await store.DeleteEmptyAsync(userId, collectionId, ct)) return;
                continue; // a collect that passed its check before the deletion began landed meanwhile
            }
            foreach (var articleId in articles) await interactions.SetCollectAsync(articleId, InteractionEvent.NoOneElse, userId, collectionId, false, ct);
            await store.RemoveAsync(userId, collectionId, articles, ct);
        }
    }
}
