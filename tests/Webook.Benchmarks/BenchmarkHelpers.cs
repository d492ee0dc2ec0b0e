using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Webook.Core;

namespace Webook.Benchmarks;

/// <summary>What the stack-backed benchmark modes (--consumer, --hotlist, --table-writes, --fanout, --feed-page) share: their arguments, environment and medians.</summary>
internal static class BenchmarkHelpers
{
    public static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    public static int IntOption(string[] args, string name, int fallback) =>
        int.Parse(Option(args, name, fallback.ToString(System.Globalization.CultureInfo.InvariantCulture)), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The app's own services (AddWebookCore) on these settings, logging warnings and errors to the console; <paramref name="more"/>
    /// adds to them (e.g. a policy on the storage clients).
    /// </summary>
    public static ServiceProvider CoreServices(IDictionary<string, string?> settings, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning))
            .AddWebookCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public static string Required(string variable, string script) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set; run {script}");

    public static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
