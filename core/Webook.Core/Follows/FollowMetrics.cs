using System.Diagnostics.Metrics;

namespace Webook.Core.Follows;

/// <summary>The follow repair timer on the meter <see cref="MeterName"/>: how many half-done changes it completed.</summary>
public sealed class FollowMetrics
{
    public const string MeterName = "Webook.Follows";

    private readonly Counter<long> _repaired;

    public FollowMetrics(IMeterFactory meters) =>
        _repaired = meters.Create(MeterName).CreateCounter<long>("webook.follows.repaired", "{change}",
            "Follows and cancels whose followee side the repair timer completed after their request did not.");

    public void Repaired(int changes)
    {
        if (changes > 0) _repaired.Add(changes);
    }
}
