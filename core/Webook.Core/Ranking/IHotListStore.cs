namespace Webook.Core.Ranking;

/// <summary>The shared copy of the hot list (Redis, no expiry): the job writes it, every instance reads it.</summary>
public interface IHotListStore
{
    Task<IReadOnlyList<HotArticle>?> GetAsync(CancellationToken ct);

    Task SetAsync(IReadOnlyList<HotArticle> list, CancellationToken ct);
}
