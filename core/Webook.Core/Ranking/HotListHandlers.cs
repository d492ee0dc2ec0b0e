using Microsoft.AspNetCore.Http;
using Webook.Core.Http;

namespace Webook.Core.Ranking;

/// <summary>GET /articles/hot: from the caches only, never the tables; the same list for every reader, so no token is checked.</summary>
public sealed class HotListHandlers(HotListCache cache, HandlerGuard guard)
{
    public Task<IResult> HotAsync(HttpRequest request) => guard.RunAsync(request, "hot list", async ct =>
        ApiResults.Ok(await cache.GetAsync(ct)));
}
