using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Webook.Core.Ranking;

/// <summary>
/// Webook.Server's way to run the hot-list job on one instance at a time (the Function App's timer is a
/// singleton by itself). Each instance reports its load; on a tick, an instance without the lease takes it
/// only if <see cref="LeaseRule.MayTake"/> and the lease is free; the holder renews it every third of
/// HotList:LeaseDuration for as long as it holds it, runs the job on every tick, and after a run hands it
/// over when <see cref="LeaseRule.ShouldHandOver"/>. A holder that dies stops renewing: its lease expires.
/// A holder that cannot renew in time stops its run, since another may now hold the lease.
/// </summary>
public sealed class LeasedHotListRunner(
    IHotListJob job, IJobLease lease, ILoadBoard board, InstanceLoad load, IOptions<HotListOptions> options,
    TimeProvider time, ILogger<LeasedHotListRunner> logger) : IDisposable
{
    public const string LeaseName = "hotlist";

    private readonly SemaphoreSlim _tick = new(1, 1);
    private CancellationTokenSource? _held;
    private double _lastLoad;

    public string Instance => load.Instance;

    public bool Holds => _held is { IsCancellationRequested: false };

    public async Task ReportLoadAsync(CancellationToken ct)
    {
        _lastLoad = load.Measure();
        await board.ReportAsync(load.Instance, _lastLoad, ct);
    }

    /// <summary>One scheduled tick: true when this instance ran the job.</summary>
    public async Task<bool> TickAsync(CancellationToken ct)
    {
        var settings = options.Value;
        await _tick.WaitAsync(ct);
        try
        {
            var loads = await board.ReadAsync(settings.LoadReportLifetime, ct);
            var mine = loads.GetValueOrDefault(load.Instance, _lastLoad);
            if (!Holds)
            {
                if (!LeaseRule.MayTake(mine, loads.Values, settings.TakeMargin)) return false;
                if (!await lease.TryTakeAsync(LeaseName, load.Instance, settings.LeaseDuration, ct)) return false;
                StartRenewing(settings.LeaseDuration);
                logger.LogInformation("Hot list: {Instance} (load {Load:F0}) took the lease", load.Instance, mine);
            }

            using var run = CancellationTokenSource.CreateLinkedTokenSource(ct, _held!.Token);
            await job.RunAsync(run.Token);

            loads = await board.ReadAsync(settings.LoadReportLifetime, ct);
            var others = loads.Where(l => l.Key != load.Instance).Select(l => l.Value);
            if (LeaseRule.ShouldHandOver(loads.GetValueOrDefault(load.Instance, _lastLoad), others, settings.HandoverMargin))
            {
                logger.LogInformation("Hot list: {Instance} hands the lease over (load {Load:F0})", load.Instance, mine);
                await StepDownAsync(ct);
            }
            return true;
        }
        finally
        {
            _tick.Release();
        }
    }

    /// <summary>Stops renewing and frees the lease (at hand-over and at shutdown).</summary>
    public async Task StepDownAsync(CancellationToken ct)
    {
        var held = Interlocked.Exchange(ref _held, null);
        if (held is null) return;
        await held.CancelAsync();
        held.Dispose();
        await lease.ReleaseAsync(LeaseName, load.Instance, ct);
    }

    public void Dispose() => _held?.Cancel();

    private void StartRenewing(TimeSpan duration)
    {
        var held = new CancellationTokenSource();
        _held = held;
        _ = Task.Run(async () =>
        {
            var renewedAt = time.GetTimestamp();
            while (!held.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(duration / 3, time, held.Token);
                    if (!await lease.RenewAsync(LeaseName, load.Instance, duration, held.Token))
                    {
                        logger.LogWarning("Hot list: {Instance} lost the lease", load.Instance);
                        await held.CancelAsync();
                        return;
                    }
                    renewedAt = time.GetTimestamp();
                }
                catch (OperationCanceledException) when (held.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    logger.LogWarning("Hot list: renewing the lease failed ({Reason})", e.Message);
                    // Past the lease's own end another instance may hold it: stop as if lost.
                    if (time.GetElapsedTime(renewedAt) >= duration) await held.CancelAsync();
                }
            }
        });
    }
}
