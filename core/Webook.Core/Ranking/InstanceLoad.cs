using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Webook.Core.Ranking;

/// <summary>This instance's name on the load board, and its load: the configured fixed value, or its CPU use since the last measure (percent of all cores).</summary>
public sealed class InstanceLoad(IOptions<HotListOptions> options, TimeProvider time)
{
    private TimeSpan _lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
    private long _lastAt = time.GetTimestamp();

    public string Instance { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..^24];

    public double Measure()
    {
        if (options.Value.FixedLoad is { } fixedLoad) return fixedLoad;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var elapsed = time.GetElapsedTime(_lastAt);
        var load = elapsed > TimeSpan.Zero ? (cpu - _lastCpu) / (elapsed * Environment.ProcessorCount) * 100 : 0;
        (_lastCpu, _lastAt) = (cpu, time.GetTimestamp());
        return Math.Clamp(load, 0, 100);
    }
}
