using Microsoft.Extensions.Options;
using Webook.Core.Storage.Redis;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Redis;

/// <summary>A connection to the test Redis with a key prefix of its own.</summary>
public sealed class RedisFixture : IDisposable
{
    public RedisConnection Connection { get; } = new(Options.Create(new RedisOptions
    {
        ConnectionString = TestEnvironment.RedisConnectionString + ",allowAdmin=true",
        KeyPrefix = TestEnvironment.UniqueName("it") + ":",
    }));

    public void Dispose() => Connection.Dispose();
}
