using System.Reflection;

namespace Webook.FunctionAppTests;

/// <summary>What the Function App's build produced, as this test project's build recorded it.</summary>
public static class FunctionAppBuild
{
    /// <summary>The Function App's output folder (functions.metadata, worker.config.json, the extensions).</summary>
    public static string Output => Metadata("FunctionAppOutput");

    /// <summary>True when the build left out the Kafka package and the functions in KafkaTriggered/.</summary>
    public static bool WithoutKafkaTrigger => string.Equals(Metadata("WebookWithoutKafkaTrigger"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The folder scripts/test.sh published the app to (WEBOOK_FUNCTIONS_PUBLISH).</summary>
    public static string PublishFolder => Environment.GetEnvironmentVariable("WEBOOK_FUNCTIONS_PUBLISH") is { Length: > 0 } folder
        ? folder
        : throw new InvalidOperationException("WEBOOK_FUNCTIONS_PUBLISH is not set: scripts/test.sh publishes the Function App and sets it.");

    private static string Metadata(string key) =>
        typeof(FunctionAppBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value ?? "";
}
