using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Accounts;
using Webook.Core.Common;
using Webook.Core.Http;
using Webook.Core.Interactions;
using Webook.Core.Collections.Storage;

namespace Webook.Core.Collections;

/// <summary>
/// The /collection routes and the reader's liked and collected lists (newest first; withdrawn articles left out, so a
/// page can be shorter than its limit). The caller's own collections only: another user's id reads as not found.
/// </summary>
public sealed class CollectionHandlers(ICollectionStore store, CollectionDeletion deletion, InteractionRepository interactions, IListedArticles articles,
    UserProfiles users, TimeProvider time, IOptions<CollectionOptions> options, ILogger<CollectionHandlers> logger)
{
    public const int NameLength = 50;
    public const int DescriptionLength = 200;
    private const string NotFound = "Collection not found.";

    public async Task<IResult> SaveAsync(RouteCall<SaveCollectionRequest> call)
    {
        var (body, me, ct) = (call.Body, call.User.UserId, call.Ct);
        var name = body.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > NameLength) return ApiResults.Refused($"A collection's name is 1 to {NameLength} characters.");
        var description = body.Description?.Trim() ?? "";
        if (description.Length > DescriptionLength) return ApiResults.Refused($"A collection's description is at most {DescriptionLength} characters.");
        if (body.Id is { } id)
        {
            if (CheckCollection(id, "id") is { } problem) return ApiResults.Refused(problem);
            return await store.RenameAsync(me, id, name, description, ct) ? ApiResults.Ok(id) : ApiResults.Refused(NotFound);
        }
        var held = (await store.ListAsync(me, ct)).Count(c => c.Id != 0);
        // The default collection counts as one, used or not.
        if (held + 1 >= options.Value.MaxPerUser) return ApiResults.Refused($"A user has at most {options.Value.MaxPerUser} collections.");
        return ApiResults.Ok(await store.CreateAsync(me, name, description, ct));
    }

    public async Task<IResult> ListAsync(RouteCall<NoBody> call)
    {
        var (me, ct) = (call.User.UserId, call.Ct);
        var collections = await store.ListAsync(me, ct);
        foreach (var stalled in collections.Where(c => c.Deleting && time.GetUtcNow() - c.Changed >= options.Value.RepairAfter))
            await FinishQuietlyAsync(me, stalled.Id, ct);
        var shown = collections.Where(c => !c.Deleting).Select(c => new CollectionView(c.Id, c.Name, c.Description, c.Count, c.Ctime)).ToList();
        if (shown.All(c => c.Id != 0)) shown.Add(new CollectionView(0, TableCollectionStore.DefaultName, "", 0, 0));
        return ApiResults.Ok(shown.OrderBy(c => c.Id != 0).ThenBy(c => c.Id).ToList());
    }

    public async Task<IResult> DeleteAsync(RouteCall<CollectionIdRequest> call)
    {
        var (id, me, ct) = (call.Body.Id, call.User.UserId, call.Ct);
        if (id is null) return ApiResults.Refused("Say which collection: id.");
        if (CheckCollection(id.Value, "id") is { } problem) return ApiResults.Refused(problem);
        if (id == 0) return ApiResults.Refused("The default collection cannot be deleted.");
        if (!await store.BeginDeletingAsync(me, id.Value, ct)) return ApiResults.Refused(NotFound);
        await deletion.RunAsync(me, id.Value, ct);
        return ApiResults.Ok();
    }

    public async Task<IResult> MoveAsync(RouteCall<MoveRequest> call)
    {
        var (body, me, ct) = (call.Body, call.User.UserId, call.Ct);
        if (ArticleIds.Check(body.Id, allowNew: false) is { } articleProblem) return ApiResults.Refused(articleProblem);
        if (body.From is not { } from || body.To is not { } to) return ApiResults.Refused("Say from which collection and to which: from, to.");
        if ((CheckCollection(from, "from") ?? CheckCollection(to, "to")) is { } problem) return ApiResults.Refused(problem);
        if (from == to) return ApiResults.Refused("from and to are the same collection.");
        var article = body.Id!.Value;
        if (!await store.HoldsAsync(me, from, article, ct)) return ApiResults.Refused("The article is not in that collection.");
        if (!await store.IsCollectionOfAsync(me, to, ct)) return ApiResults.Refused(NotFound);
        // The article's records first (their count is the truth of collectCnt), then the reader's two collections at once.
        await interactions.SetCollectAsync(article, InteractionEvent.NoOneElse, me, to, true, ct);
        await interactions.SetCollectAsync(article, InteractionEvent.NoOneElse, me, from, false, ct);
        // False: a move of the same article at the same moment took it first, or the target's deletion began.
        return await store.MoveAsync(me, article, from, to, ct) ? ApiResults.Ok() : ApiResults.Refused("The article is no longer in that collection, or the target is gone.");
    }

    public async Task<IResult> LikedAsync(RouteCall<NoBody> call)
    {
        if (QueryNumbers.ReadPage(call.Request, out var offset, out var limit) is { } problem) return ApiResults.Refused(problem);
        return ApiResults.Ok(await ShownAsync(await store.LikedAsync(call.User.UserId, offset, limit, call.Ct), call.Ct));
    }

    public async Task<IResult> CollectedAsync(RouteCall<NoBody> call)
    {
        var (me, ct) = (call.User.UserId, call.Ct);
        if (QueryNumbers.Read(call.Request, "cid", out var cid) is { } cidProblem) return ApiResults.Refused(cidProblem);
        var collection = cid ?? 0;
        if (CheckCollection(collection, "cid") is { } idProblem) return ApiResults.Refused(idProblem);
        if (QueryNumbers.ReadPage(call.Request, out var offset, out var limit) is { } problem) return ApiResults.Refused(problem);
        if (!await store.IsCollectionOfAsync(me, collection, ct)) return ApiResults.Refused(NotFound);
        return ApiResults.Ok(await ShownAsync(await store.CollectedAsync(me, collection, offset, limit, ct), ct));
    }

    private async Task<List<ListedArticleView>> ShownAsync(IReadOnlyList<ListEntry> entries, CancellationToken ct)
    {
        var found = (await articles.PublishedAsync(entries.Select(e => e.ArticleId).ToList(), ct)).ToDictionary(a => a.Id);
        var listed = entries.Where(e => found.ContainsKey(e.ArticleId)).Select(e => found[e.ArticleId]).ToList();
        var authors = listed.Select(a => a.AuthorId).Distinct().ToList();
        var profiles = await Task.WhenAll(authors.Select(id => users.FindByIdAsync(id, ct)));
        var names = authors.Select((id, i) => (id, UserDisplayName.Of(profiles[i]))).ToDictionary(p => p.id, p => p.Item2);
        return listed.Select(a => new ListedArticleView(a.Id, a.Title, a.Abstract, new ListedAuthorView(a.AuthorId, names[a.AuthorId]), a.Utime)).ToList();
    }

    // The list is answered either way; a deletion that fails again is tried again by the next list.
    private async Task FinishQuietlyAsync(long userId, long collectionId, CancellationToken ct)
    {
        try
        {
            await deletion.RunAsync(userId, collectionId, ct);
            logger.LogInformation("Finished the deletion of collection {CollectionId} of user {UserId} that had stalled", collectionId, userId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not finish the deletion of collection {CollectionId} of user {UserId}", collectionId, userId);
        }
    }

    private static string? CheckCollection(long id, string field) =>
        id is < 0 or > ArticleIds.Max ? $"{field}: a collection id is 0 (the default) or a positive integer below 2^53." : null;
}
