using System.Globalization;
using System.Runtime.CompilerServices;
using Webook.Core.Ranking;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Articles;
using Webook.Core.Common;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Webook.Core.Storage.Blobs;

namespace Webook.Core.Storage.Tables;

/// <summary>
/// Drafts and published copies. Every save gets a last-writer-wins stamp as its version (time-ordered,
/// above the previous version) and uploads its content to new blobs named per save, then moves the draft
/// row and (publishing) the published row to it with ETag-conditional writes. A writer whose condition
/// fails re-reads: a newer stamp there means this save was superseded (it succeeds, and its blobs go);
/// an older one means it retries. So concurrent saves all succeed and the newest stamp wins both rows.
/// Any failure after the upload deletes this save's blobs unless a row names them; what a failed delete
/// leaves, <see cref="Articles.ArticleBlobSweep"/> removes. New ids are claimed insert-first in the
/// owners table, so no two articles share an id.
/// </summary>
public sealed class TableArticleStore(
    WebookTables tables, WebookContainers containers, IdGenerator ids, TimeProvider time,
    IOptions<ArticleOptions> articleOptions, IOptions<StorageOptions> storageOptions, ILogger<TableArticleStore> logger) : IArticleStore
{
    public async Task<Article?> SaveAsync(Article draft, bool publish, CancellationToken ct)
    {
        var drafts = await tables.GetAsync(WebookTables.Drafts, ct);
        DraftArticleEntity? existing = null;
        // The published row as it was before this save: none for a new id (just claimed, so nothing can be published under it).
        PublishedArticleEntity? published = null;
        if (draft.Id == 0) draft = draft with { Id = await ClaimIdAsync(draft.AuthorId, ct) };
        else
        {
            existing = await ReadDraftRowAsync(drafts, draft.AuthorId, draft.Id, ct);
            if (existing is null) return null;
            if (publish && (published = await ReadPublishedRowAsync(draft.Id, ct)) is { } row && row.AuthorId != draft.AuthorId) return null;
        }

        var now = time.GetUtcNow();
        var stamp = ids.Next();
        var saved = draft with
        {
            Version = Math.Max(stamp, (existing?.Version ?? 0) + 1),
            Status = publish ? ArticleStatus.Published : ArticleStatus.Unpublished,
            CreatedAt = existing?.CreatedAt ?? now,
            UpdatedAt = now,
        };
        var contentKey = $"{stamp}-{Guid.NewGuid():N}";
        try
        {
            await UploadAsync(saved, contentKey, publish, ct);
            var previous = await MoveDraftRowAsync(drafts, saved, contentKey, existing, ct);
            if (previous is null) await DeleteDraftBlobQuietlyAsync(saved.AuthorId, saved.Id, contentKey);
            else if (previous != "") await DeleteDraftBlobQuietlyAsync(saved.AuthorId, saved.Id, previous);
            // A save superseded on the draft still publishes if no newer version is published: the same
            // result as the two saves in stamp order.
            if (publish && await MovePublishedRowAsync(saved, contentKey, published, ct))
                saved = saved with { ContentUrl = PublicUrl((await containers.PublishedContentAsync(ct)).GetBlobClient(PublicBlobName(saved.Id, contentKey))) };
            return saved;
        }
        catch (Exception e)
        {
            await CleanUpAsync(saved, contentKey, publish);
            if (e is RequestFailedException { Status: StatusCodes.Status412PreconditionFailed or StatusCodes.Status409Conflict })
                throw new ArticleChangedException();
            throw;
        }
    }

    public async Task<bool> WithdrawAsync(long authorId, long id, CancellationToken ct)
    {
        var drafts = await tables.GetAsync(WebookTables.Drafts, ct);
        if (await ReadDraftRowAsync(drafts, authorId, id, ct) is null) return false;

        var published = await tables.GetAsync(WebookTables.Published, ct);
        var row = await ReadPublishedRowAsync(id, ct);
        if (row is not null && row.AuthorId != authorId) return false;
        if (row is not null)
        {
            await published.UpdateEntityAsync(new TableEntity(Key(id), "") { [nameof(PublishedArticleEntity.Status)] = (int)ArticleStatus.Private },
                ETag.All, TableUpdateMode.Merge, ct);
            var content = await containers.PublishedContentAsync(ct);
            await content.GetBlobClient(PublicBlobName(id, row.ContentKey)).DeleteIfExistsAsync(cancellationToken: ct);
        }
        await drafts.UpdateEntityAsync(new TableEntity(Key(authorId), DraftRowKey(id)) { [nameof(DraftArticleEntity.Status)] = (int)ArticleStatus.Private },
            ETag.All, TableUpdateMode.Merge, ct);
        return true;
    }

    public async Task<IReadOnlyList<ArticleSummary>> ListAsync(long authorId, int offset, int limit, CancellationToken ct)
    {
        var drafts = await tables.GetAsync(WebookTables.Drafts, ct);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Key(authorId)}");
        string[] columns = ["Id", "Title", "Abstract", "Status", "CreatedAt", "UpdatedAt"];
        var page = new List<ArticleSummary>(limit);
        var index = 0;
        await foreach (var row in drafts.QueryAsync<DraftArticleEntity>(filter, Math.Min(offset + limit, 1000), columns, ct))
        {
            if (index++ < offset) continue;
            page.Add(new ArticleSummary(row.Id, row.Title, row.Abstract, (ArticleStatus)row.Status, row.CreatedAt, row.UpdatedAt));
            if (page.Count == limit) break;
        }
        return page;
    }

    public async Task<Article?> GetDraftAsync(long authorId, long id, CancellationToken ct)
    {
        var drafts = await tables.GetAsync(WebookTables.Drafts, ct);
        var row = await ReadDraftRowAsync(drafts, authorId, id, ct);
        if (row is null) return null;
        var container = await containers.DraftsAsync(ct);
        var content = await container.GetBlobClient(DraftBlobName(authorId, id, row.ContentKey)).DownloadContentAsync(ct);
        return new Article
        {
            Id = id, AuthorId = authorId, Title = row.Title, Abstract = row.Abstract, Content = content.Value.Content.ToString(),
            Status = (ArticleStatus)row.Status, Version = row.Version, CreatedAt = row.CreatedAt, UpdatedAt = row.UpdatedAt,
        };
    }

    public async IAsyncEnumerable<IReadOnlyList<PublishedSummary>> ScanPublishedAsync(DateTimeOffset since, int pageSize,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var published = await tables.GetAsync(WebookTables.Published, ct);
        var pages = published.QueryAsync<PublishedArticleEntity>(
            TableClient.CreateQueryFilter($"Status eq {(int)ArticleStatus.Published} and UpdatedAt ge {since}"), pageSize,
            [nameof(ITableEntity.PartitionKey), nameof(ArticleRow.Title), nameof(ArticleRow.Abstract), nameof(PublishedArticleEntity.AuthorId), nameof(ArticleRow.UpdatedAt)],
            ct).AsPages();
        await foreach (var page in pages)
            yield return page.Values
                .Select(row => new PublishedSummary(long.Parse(row.PartitionKey, CultureInfo.InvariantCulture), row.AuthorId, row.Title, row.Abstract, row.UpdatedAt))
                .ToList();
    }

    public async Task<Article?> GetPublishedAsync(long id, CancellationToken ct)
    {
        var published = await tables.GetAsync(WebookTables.Published, ct);
        var found = await published.GetEntityIfExistsAsync<PublishedArticleEntity>(Key(id), "", cancellationToken: ct);
        if (!found.HasValue || found.Value!.Status != (int)ArticleStatus.Published) return null;
        var row = found.Value;
        var blob = (await containers.PublishedContentAsync(ct)).GetBlobClient(PublicBlobName(id, row.ContentKey));
        var content = await blob.DownloadContentAsync(ct);
        return new Article
        {
            Id = id, AuthorId = row.AuthorId, Title = row.Title, Abstract = row.Abstract, Content = content.Value.Content.ToString(),
            Status = ArticleStatus.Published, Version = row.Version, ContentUrl = PublicUrl(blob),
            CreatedAt = row.CreatedAt, UpdatedAt = row.UpdatedAt,
        };
    }

    public async Task<int> DeleteOrphanBlobsAsync(DateTimeOffset olderThan, CancellationToken ct)
    {
        var drafts = await tables.GetAsync(WebookTables.Drafts, ct);
        var deleted = 0;
        var draftBlobs = await containers.DraftsAsync(ct);
        await foreach (var blob in draftBlobs.GetBlobsAsync(cancellationToken: ct))
        {
            // {author}/{id}/{contentKey}.html
            var parts = blob.Name.Split('/');
            if (blob.Properties.CreatedOn >= olderThan || parts.Length != 3
                || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var authorId) || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var id)) continue;
            var row = await ReadDraftRowAsync(drafts, authorId, id, ct);
            if (row?.ContentKey + ".html" == parts[2]) continue;
            await draftBlobs.GetBlobClient(blob.Name).DeleteIfExistsAsync(cancellationToken: ct);
            deleted++;
        }
        var publicBlobs = await containers.PublishedContentAsync(ct);
        await foreach (var blob in publicBlobs.GetBlobsAsync(cancellationToken: ct))
        {
            // {id}/{contentKey}.html
            var parts = blob.Name.Split('/');
            if (blob.Properties.CreatedOn >= olderThan || parts.Length != 2 || !long.TryParse(parts[0], CultureInfo.InvariantCulture, out var id)) continue;
            var row = await ReadPublishedRowAsync(id, ct);
            if (row is { Status: (int)ArticleStatus.Published } && row.ContentKey + ".html" == parts[1]) continue;
            await publicBlobs.GetBlobClient(blob.Name).DeleteIfExistsAsync(cancellationToken: ct);
            deleted++;
        }
        return deleted;
    }

    /// <summary>
    /// Claims a new id insert-first in the owners table: a conflict (another article, any author, any
    /// instance, has it) draws a new one.
    /// </summary>
    private async Task<long> ClaimIdAsync(long authorId, CancellationToken ct)
    {
        var owners = await tables.GetAsync(WebookTables.ArticleOwners, ct);
        for (var attempt = 1; ; attempt++)
        {
            var id = ids.Next();
            try
            {
                await owners.AddEntityAsync(new TableEntity(Key(id), "") { ["AuthorId"] = authorId }, ct);
                return id;
            }
            catch (RequestFailedException e) when (e.Status == StatusCodes.Status409Conflict && attempt < articleOptions.Value.WriteAttempts)
            {
            }
        }
    }

    /// <summary>
    /// Moves the draft row to <paramref name="saved"/>. Returns the content key the row named before
    /// ("" for a new row), or null when a newer save already holds the row (this one is superseded).
    /// </summary>
    private async Task<string?> MoveDraftRowAsync(TableClient drafts, Article saved, string contentKey, DraftArticleEntity? current, CancellationToken ct)
    {
        var row = ToDraftRow(saved, contentKey);
        for (var attempt = 1; ; attempt++)
        {
            if (current is not null && current.Version >= saved.Version) return null;
            try
            {
                if (current is null) await drafts.AddEntityAsync(row, ct);
                else await drafts.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, ct);
                return current?.ContentKey ?? "";
            }
            catch (RequestFailedException e) when (LostRace(e) && attempt < articleOptions.Value.WriteAttempts)
            {
                current = await ReadDraftRowAsync(drafts, saved.AuthorId, saved.Id, ct);
            }
        }
    }

    /// <summary>
    /// True when this version became the published copy; false when a newer one already is. <paramref name="current"/>
    /// is the row as the save read it before uploading (null for a new id); when another save moved it since, the
    /// ETag condition fails and the row is read again, as after any lost race.
    /// </summary>
    private async Task<bool> MovePublishedRowAsync(Article saved, string contentKey, PublishedArticleEntity? current, CancellationToken ct)
    {
        var published = await tables.GetAsync(WebookTables.Published, ct);
        var row = ToPublishedRow(saved, contentKey);
        for (var attempt = 1; ; attempt++)
        {
            if (current is not null && (current.Version >= saved.Version || current.AuthorId != saved.AuthorId))
            {
                await DeletePublicBlobQuietlyAsync(saved.Id, contentKey);
                return false;
            }
            try
            {
                if (current is null) await published.AddEntityAsync(row, ct);
                else await published.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, ct);
            }
            catch (RequestFailedException e) when (LostRace(e) && attempt < articleOptions.Value.WriteAttempts)
            {
                current = await ReadPublishedRowAsync(saved.Id, ct);
                continue;
            }
            if (current is not null) await DeletePublicBlobQuietlyAsync(saved.Id, current.ContentKey);
            return true;
        }
    }

    /// <summary>
    /// After a failed save: deletes its blobs unless a row names them (a write that timed out may still
    /// have landed). If the rows cannot be read, or a delete fails, the blobs are left to the sweep.
    /// </summary>
    private async Task CleanUpAsync(Article saved, string contentKey, bool publish)
    {
        try
        {
            var drafts = await tables.GetAsync(WebookTables.Drafts, CancellationToken.None);
            if ((await ReadDraftRowAsync(drafts, saved.AuthorId, saved.Id, CancellationToken.None))?.ContentKey != contentKey)
                await DeleteDraftBlobQuietlyAsync(saved.AuthorId, saved.Id, contentKey);
            if (publish && (await ReadPublishedRowAsync(saved.Id, CancellationToken.None))?.ContentKey != contentKey)
                await DeletePublicBlobQuietlyAsync(saved.Id, contentKey);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not clean up the blobs of a failed save of article {ArticleId}; the sweep will", saved.Id);
        }
    }

    private async Task<PublishedArticleEntity?> ReadPublishedRowAsync(long id, CancellationToken ct)
    {
        var published = await tables.GetAsync(WebookTables.Published, ct);
        var row = await published.GetEntityIfExistsAsync<PublishedArticleEntity>(Key(id), "", cancellationToken: ct);
        return row.HasValue ? row.Value : null;
    }

    private async Task UploadAsync(Article saved, string contentKey, bool publish, CancellationToken ct)
    {
        var content = BinaryData.FromString(saved.Content);
        var html = new BlobHttpHeaders { ContentType = "text/html; charset=utf-8" };
        var drafts = await containers.DraftsAsync(ct);
        await drafts.GetBlobClient(DraftBlobName(saved.AuthorId, saved.Id, contentKey)).UploadAsync(content, new BlobUploadOptions { HttpHeaders = html }, ct);
        if (!publish) return;
        var pub = await containers.PublishedContentAsync(ct);
        await pub.GetBlobClient(PublicBlobName(saved.Id, contentKey)).UploadAsync(content, new BlobUploadOptions
        {
            // Blob Storage sets only these headers; nosniff and the CSP come from the CDN (docs/articles.md).
            HttpHeaders = new BlobHttpHeaders { ContentType = html.ContentType, ContentDisposition = "inline", CacheControl = articleOptions.Value.PublishedCacheControl },
        }, ct);
    }

    private static async Task<DraftArticleEntity?> ReadDraftRowAsync(TableClient drafts, long authorId, long id, CancellationToken ct)
    {
        var row = await drafts.GetEntityIfExistsAsync<DraftArticleEntity>(Key(authorId), DraftRowKey(id), cancellationToken: ct);
        return row.HasValue ? row.Value : null;
    }

    private Uri PublicUrl(BlobClient blob) =>
        articleOptions.Value.CdnBaseUrl is { IsAbsoluteUri: true } cdn
            ? new Uri(cdn, $"{storageOptions.Value.ContentContainer}/{blob.Name}")
            : blob.Uri;

    private Task DeleteDraftBlobQuietlyAsync(long authorId, long id, string contentKey) =>
        DeleteQuietlyAsync(containers.DraftsAsync, DraftBlobName(authorId, id, contentKey));

    private Task DeletePublicBlobQuietlyAsync(long id, string contentKey) =>
        DeleteQuietlyAsync(containers.PublishedContentAsync, PublicBlobName(id, contentKey));

    // Content no row points at any more: leaving it costs storage, never correctness.
    private async Task DeleteQuietlyAsync(Func<CancellationToken, Task<BlobContainerClient>> container, string name)
    {
        try
        {
            await (await container(CancellationToken.None)).GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not delete superseded blob {Blob}", name);
        }
    }

    /// <summary>Another save got there first: the row changed since it was read, or was created meanwhile.</summary>
    private static bool LostRace(RequestFailedException e) =>
        e.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status409Conflict;

    internal static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
    internal static string DraftRowKey(long id) => (long.MaxValue - id).ToString("D19", CultureInfo.InvariantCulture);
    internal static string DraftBlobName(long authorId, long id, string contentKey) => $"{authorId}/{id}/{contentKey}.html";
    internal static string PublicBlobName(long id, string contentKey) => $"{id}/{contentKey}.html";

    private static DraftArticleEntity ToDraftRow(Article a, string contentKey) => new()
    {
        PartitionKey = Key(a.AuthorId), RowKey = DraftRowKey(a.Id), Id = a.Id, Title = a.Title, Abstract = a.Abstract,
        Status = (int)a.Status, Version = a.Version, ContentKey = contentKey, CreatedAt = a.CreatedAt, UpdatedAt = a.UpdatedAt,
    };

    private static PublishedArticleEntity ToPublishedRow(Article a, string contentKey) => new()
    {
        PartitionKey = Key(a.Id), AuthorId = a.AuthorId, Title = a.Title, Abstract = a.Abstract,
        Status = (int)ArticleStatus.Published, Version = a.Version, ContentKey = contentKey, CreatedAt = a.CreatedAt, UpdatedAt = a.UpdatedAt,
    };
}
