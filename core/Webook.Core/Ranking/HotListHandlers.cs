using Microsoft.AspNetCore.Http;
using Webook.Core.Http;

namespace Webook.Core.Ranking;

/// <summary>
/// GET /articles/hot: from the caches only, never the tables; the same list for every reader, so no token is
/// checked, and its answer is serialized once per list (the cache hands out the same list until it changes).
/// </summary>
public sealed class HotListHandlers(HotListCache cache)
{
    private sealed record Answer(IReadOnlyList<HotArticle> List, SerializedEnvelope Envelope);

    private volatile Answer? _last;

    public async Task<IResult> HotAsync(RouteCall<NoBody> call)
    {
        var list = await cache.GetAsync(call.Ct);
        var last = _last;
        if (last is null || !ReferenceEquals(last.List, list)) _last = last = new Answer(list, SerializedEnvelope.Ok(list));
        return (IResult)last.Envelope;
    }
}
