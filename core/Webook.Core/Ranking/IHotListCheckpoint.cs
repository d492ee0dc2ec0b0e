namespace Webook.Core.Ranking;

/// <summary>
/// The candidates of the last rebuild, kept beside the journal so that another instance (a new one, or the next lease
/// holder) starts from them and the journal's changes since, instead of scanning the published table again. Valid only
/// while the journal it was numbered against is: the same epoch, and not trimmed past its number.
/// </summary>
public interface IHotListCheckpoint
{
    Task SaveAsync(HotListSnapshot snapshot, CancellationToken ct);

    /// <summary>The last saved candidates, without text; null when there are none.</summary>
    Task<HotListSnapshot?> LoadAsync(CancellationToken ct);
}
