using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Webook.Core.Storage.Tables;

namespace Webook.Core.Articles.Storage;

/// <summary>
/// New article ids, claimed insert-first in the owners table (one row per id ever issued): a conflict means another
/// article (any author, any instance) has the id, and the caller draws another, so no two articles share one.
/// </summary>
public sealed class ArticleIdClaims(WebookTables tables)
{
    /// <summary>False when the id is already another article's.</summary>
    public async Task<bool> TryClaimAsync(long id, long authorId, CancellationToken ct)
    {
        var owners = await tables.GetAsync(WebookTables.ArticleOwners, ct);
        try
        {
            await owners.AddEntityAsync(new TableEntity(ArticleRows.Key(id), ArticleRows.Key(id)) { ["AuthorId"] = authorId }, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status409Conflict)
        {
            return false;
        }
    }
}
