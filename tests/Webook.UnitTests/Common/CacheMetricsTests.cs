using Microsoft.Extensions.Logging.Abstractions;
using Webook.Core.Common;

namespace Webook.UnitTests.Common;

public sealed class CacheMetricsTests
{
    private readonly CacheMetrics _metrics;
    private readonly Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long> _lookups;

    public CacheMetricsTests()
    {
        var meters = TestMeters.NewFactory();
        _metrics = new CacheMetrics(meters);
        _lookups = TestMeters.Collect<long>(meters, CacheMetrics.MeterName, "webook.cache.lookups");
    }

    [Fact]
    public async Task A_read_is_a_hit_a_miss_or_an_error_and_an_error_reads_as_nothing()
    {
        Assert.Equal("v", await _metrics.ReadAsync<string?>(CacheMetrics.Profiles, () => Task.FromResult<string?>("v"), NullLogger.Instance));
        Assert.Null(await _metrics.ReadAsync<string?>(CacheMetrics.Drafts, () => Task.FromResult<string?>(null), NullLogger.Instance));
        Assert.Null(await _metrics.ReadAsync<string?>(CacheMetrics.Counts, () => throw new TimeoutException(), NullLogger.Instance));

        Assert.Equal(["1 cache=profile result=hit", "1 cache=draft result=miss", "1 cache=counts result=error"], TestMeters.Describe(_lookups));
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_taken_for_a_cache_error()
    {
        await Assert.ThrowsAsync<OperationCanceledException>(() =>
            _metrics.ReadAsync<string?>(CacheMetrics.Profiles, () => throw new OperationCanceledException(), NullLogger.Instance));
        Assert.Empty(_lookups.GetMeasurementSnapshot());
    }
}
