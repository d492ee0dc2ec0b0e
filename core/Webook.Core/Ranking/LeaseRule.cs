namespace Webook.Core.Ranking;

/// <summary>
/// Which instance computes the hot list: one among the least loaded takes the free lease; the holder keeps it
/// until it is clearly busier than another instance. The hand-over margin is wider than the take margin, so
/// two instances of about the same load do not pass the lease back and forth.
/// </summary>
public static class LeaseRule
{
    /// <summary>Whether an instance whose load is <paramref name="mine"/> may take a free lease, given every live load (its own included).</summary>
    public static bool MayTake(double mine, IEnumerable<double> everyLoad, double takeMargin) =>
        mine <= everyLoad.Append(mine).Min() + takeMargin;

    /// <summary>Whether the holder should let the lease go after a run, given the other live instances' loads.</summary>
    public static bool ShouldHandOver(double mine, IEnumerable<double> otherLoads, double handoverMargin)
    {
        var others = otherLoads.ToList();
        return others.Count > 0 && mine > others.Min() + handoverMargin;
    }
}
