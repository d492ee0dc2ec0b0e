using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Webook.UnitTests;

/// <summary>Real meter factories for the metrics classes the units under test report to.</summary>
internal static class TestMeters
{
    /// <summary>Shared by tests that do not look at what was measured.</summary>
    public static readonly IMeterFactory Factory = NewFactory();

    /// <summary>A factory of one's own, so a collector sees only this test's measurements.</summary>
    public static IMeterFactory NewFactory() => new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public static MetricCollector<T> Collect<T>(IMeterFactory factory, string meter, string instrument) where T : struct =>
        new(factory, meter, instrument);

    /// <summary>The value of each measurement, with its tags as "key=value" strings in tag order.</summary>
    public static IReadOnlyList<string> Describe<T>(MetricCollector<T> collector) where T : struct =>
        collector.GetMeasurementSnapshot()
            .Select(m => string.Join(" ", m.Tags.Select(t => $"{t.Key}={t.Value}").Prepend(m.Value.ToString()!)))
            .ToList();
}
