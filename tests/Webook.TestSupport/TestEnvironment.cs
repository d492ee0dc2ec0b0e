namespace Webook.TestSupport;

/// <summary>Where the shared test stack runs; scripts/test.sh starts it and sets these variables.</summary>
public static class TestEnvironment
{
    public static string StorageConnectionString =>
        Environment.GetEnvironmentVariable("WEBOOK_TEST_STORAGE") ?? "UseDevelopmentStorage=true";

    public static string RedisConnectionString =>
        Environment.GetEnvironmentVariable("WEBOOK_TEST_REDIS") ?? "127.0.0.1:6379";

    /// <summary>The Kafka broker scripts/test.sh started, or empty when none was.</summary>
    public static string KafkaBootstrapServers => Environment.GetEnvironmentVariable("WEBOOK_TEST_KAFKA") ?? "";

    /// <summary>A name no other test uses: letters and digits only, valid as a table-name prefix.</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The repository root, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot => RepositoryDirectory.Find();
}
