using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Webook.Core.Common;
using Webook.Core.Storage.Tables;

namespace Webook.Core.Articles.Storage;

/// <summary>
/// New article ids, claimed insert-first in the owners table (one row per id ever issued): a conflict (another
/// article, any author, any instance, has it) draws a new one, so no two articles share an id.
/// </summary>
public sealed class ArticleIdClaims(WebookTables tables, IdGenerator ids, IOptions<ArticleOptions> options)
{
    public async Task<long> ClaimAsync(long authorId, CancellationToken ct)
    {
        var owners = await tables.GetAsync(WebookTables.ArticleOwners, ct);
        return await TableRetry.RetryLostRacesAsync(options.Value.WriteAttempts, async () =>
        {
            var id = ids.Next();
            await owners.AddEntityAsync(new TableEntity(ArticleRows.Key(id), ArticleRows.Key(id)) { ["AuthorId"] = authorId }, ct);
            return id;
        }, lost: e => e.Status == StatusCodes.Status409Conflict);
    }
}
