using System.Globalization;
using Azure.Data.Tables;
using Webook.Core.Storage.Tables;

namespace Webook.Core.Articles.Storage;

/// <summary>The draft and published tables: their keys, point reads and the rows one version of an article becomes.</summary>
public sealed class ArticleRows(WebookTables tables)
{
    public Task<TableClient> DraftsAsync(CancellationToken ct) => tables.GetAsync(WebookTables.Drafts, ct);

    public Task<TableClient> PublishedAsync(CancellationToken ct) => tables.GetAsync(WebookTables.Published, ct);

    public async Task<DraftArticleEntity?> ReadDraftAsync(long authorId, long id, CancellationToken ct)
    {
        var drafts = await DraftsAsync(ct);
        var row = await drafts.GetEntityIfExistsAsync<DraftArticleEntity>(Key(authorId), DraftRowKey(id), cancellationToken: ct);
        return row.HasValue ? row.Value : null;
    }

    public async Task<PublishedArticleEntity?> ReadPublishedAsync(long id, CancellationToken ct, IEnumerable<string>? columns = null)
    {
        var published = await PublishedAsync(ct);
        var row = await published.GetEntityIfExistsAsync<PublishedArticleEntity>(Key(id), Key(id), columns, ct);
        return row.HasValue ? row.Value : null;
    }

    public static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Inverted, so an author's drafts list newest first.</summary>
    public static string DraftRowKey(long id) => (long.MaxValue - id).ToString("D19", CultureInfo.InvariantCulture);

    public static DraftArticleEntity ToDraftRow(Article a, string contentKey) => new()
    {
        PartitionKey = Key(a.AuthorId), RowKey = DraftRowKey(a.Id), Id = a.Id, Title = a.Title, Abstract = a.Abstract,
        Status = (int)a.Status, Version = a.Version, ContentKey = contentKey, CreatedAt = a.CreatedAt, UpdatedAt = a.UpdatedAt,
    };

    public static PublishedArticleEntity ToPublishedRow(Article a, string contentKey) => new()
    {
        PartitionKey = Key(a.Id), RowKey = Key(a.Id), AuthorId = a.AuthorId, Title = a.Title, Abstract = a.Abstract,
        Status = (int)ArticleStatus.Published, Version = a.Version, ContentKey = contentKey, CreatedAt = a.CreatedAt, UpdatedAt = a.UpdatedAt,
        UpdatedHour = PublishedArticleEntity.HourOf(a.UpdatedAt), PublishedAt = a.UpdatedAt.ToUnixTimeMilliseconds(),
    };
}
