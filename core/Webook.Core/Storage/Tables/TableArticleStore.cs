using System.Globalization;
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
/// Drafts and published copies. Every save is a new version: its content goes to new blobs (named per
/// attempt, so racing writers never overwrite each other's) first, then
/// the draft row moves to it with an ETag-conditional write (the point where concurrent saves of one
/// article are ordered; the loser retries), then the published row moves to it only if it is newer than
/// what the row holds. So a row never points at content that is not there, and after concurrent
/// publishes both copies hold the last version. Withdraw hides the published row before deleting its
/// blob, so a reader is never shown content the author withdrew.
/// </summary>
public sealed class TableArticleStore(
    WebookTables tables, WebookContainers containers, IdGenerator ids, TimeProvider time,
    IOptions<ArticleOptions> articleOptions, IOptions<StorageOptions> storageOptions, ILogger<TableArticleStore> logger) : IArticleStore
{
    public async Task<Article?> SaveAsync(Article draft, bool publish, CancellationToken ct)
    {
        var drafts = await tables.GetAsync(WebookTables.Drafts, ct);
        for (var attempt = 1; ; attempt++)
        {
            var isNew = draft.Id == 0;
            var id = isNew ? ids.Next() : draft.Id;
            var existing = isNew ? null : await ReadDraftRowAsync(drafts, draft.AuthorId, id, ct);
            if (!isNew && existing is null) return null;

            var now = time.GetUtcNow();
            var saved = draft with
            {
                Id = id,
                Version = (existing?.Version ?? 0) + 1,
                Status = publish ? ArticleStatus.Published : ArticleStatus.Unpublished,
                CreatedAt = existing?.CreatedAt ?? now,
                UpdatedAt = now,
            };
            var contentKey = $"{saved.Version}-{Guid.NewGuid():N}";
            await UploadAsync(saved, contentKey, publish, ct);
            try
            {
                var row = ToDraftRow(saved, contentKey);
                if (existing is null) await drafts.AddEntityAsync(row, ct);
                else await drafts.UpdateEntityAsync(row, existing.ETag, TableUpdateMode.Replace, ct);
            }
            catch (RequestFailedException e) when (LostRace(e) && attempt < articleOptions.Value.WriteAttempts)
            {
                await DeleteDraftBlobQuietlyAsync(saved.AuthorId, id, contentKey);
                if (publish) await DeletePublicBlobQuietlyAsync(id, contentKey);
                continue;
            }

            if (existing is not null) await DeleteDraftBlobQuietlyAsync(saved.AuthorId, id, existing.ContentKey);
            if (publish && await MovePublishedRowAsync(saved, contentKey, ct))
                saved = saved with { ContentUrl = PublicUrl((await containers.PublishedContentAsync(ct)).GetBlobClient(PublicBlobName(id, contentKey))) };
            return saved;
        }
    }

    public async Task<bool> WithdrawAsync(long authorId, long id, CancellationToken ct)
    {
        var drafts = await tables.GetAsync(WebookTables.Drafts, ct);
        if (await ReadDraftRowAsync(drafts, authorId, id, ct) is null) return false;

        var published = await tables.GetAsync(WebookTables.Published, ct);
        var row = await published.GetEntityIfExistsAsync<PublishedArticleEntity>(Key(id), "", cancellationToken: ct);
        if (row.HasValue)
        {
            await published.UpdateEntityAsync(new TableEntity(Key(id), "") { [nameof(PublishedArticleEntity.Status)] = (int)ArticleStatus.Private },
                ETag.All, TableUpdateMode.Merge, ct);
            var content = await containers.PublishedContentAsync(ct);
            await content.GetBlobClient(PublicBlobName(id, row.Value!.ContentKey)).DeleteIfExistsAsync(cancellationToken: ct);
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

    /// <summary>True when this version became the published copy; false when a newer one already is.</summary>
    private async Task<bool> MovePublishedRowAsync(Article saved, string contentKey, CancellationToken ct)
    {
        var published = await tables.GetAsync(WebookTables.Published, ct);
        for (var attempt = 1; ; attempt++)
        {
            var found = await published.GetEntityIfExistsAsync<PublishedArticleEntity>(Key(saved.Id), "", cancellationToken: ct);
            var current = found.HasValue ? found.Value : null;
            if (current is not null && current.Version >= saved.Version)
            {
                await DeletePublicBlobQuietlyAsync(saved.Id, contentKey);
                return false;
            }
            var row = ToPublishedRow(saved, contentKey);
            try
            {
                if (current is null) await published.AddEntityAsync(row, ct);
                else await published.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, ct);
            }
            catch (RequestFailedException e) when (LostRace(e) && attempt < articleOptions.Value.WriteAttempts)
            {
                continue;
            }
            if (current is not null) await DeletePublicBlobQuietlyAsync(saved.Id, current.ContentKey);
            return true;
        }
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

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
    private static string DraftRowKey(long id) => (long.MaxValue - id).ToString("D19", CultureInfo.InvariantCulture);
    private static string DraftBlobName(long authorId, long id, string contentKey) => $"{authorId}/{id}/{contentKey}.html";
    private static string PublicBlobName(long id, string contentKey) => $"{id}/{contentKey}.html";

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
