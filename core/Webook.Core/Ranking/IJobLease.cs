namespace Webook.Core.Ranking;

/// <summary>One holder at a time, for a time: taken if free, kept by renewing, gone when it expires.</summary>
public interface IJobLease
{
    Task<bool> TryTakeAsync(string name, string holder, TimeSpan duration, CancellationToken ct);

    /// <summary>False when the lease is no longer this holder's (it expired and someone else took it).</summary>
    Task<bool> RenewAsync(string name, string holder, TimeSpan duration, CancellationToken ct);

    Task ReleaseAsync(string name, string holder, CancellationToken ct);
}

/// <summary>Where instances publish their load and read each other's.</summary>
public interface ILoadBoard
{
    Task ReportAsync(string instance, double load, CancellationToken ct);

    /// <summary>The loads reported within <paramref name="lifetime"/>, by instance.</summary>
    Task<IReadOnlyDictionary<string, double>> ReadAsync(TimeSpan lifetime, CancellationToken ct);
}
