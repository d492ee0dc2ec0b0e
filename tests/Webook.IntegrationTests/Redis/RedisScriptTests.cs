using StackExchange.Redis;
using Webook.Core.Storage.Redis;

namespace Webook.IntegrationTests.Redis;

public sealed class RedisScriptTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly RedisScript IncrementBy = new("return redis.call('INCRBY', KEYS[1], ARGV[1])");

    [Fact]
    public async Task A_script_runs_by_sha_and_is_loaded_again_after_a_script_flush()
    {
        var db = redis.Connection.Database;
        var key = redis.Connection.Key("counter:" + Guid.NewGuid());

        Assert.Equal(2L, (long)await IncrementBy.EvaluateAsync(db, [key], [2]));
        var server = db.Multiplexer.GetServer(db.Multiplexer.GetEndPoints()[0]);
        Assert.True(await server.ScriptExistsAsync(IncrementBy.Source));

        await server.ScriptFlushAsync();
        Assert.False(await server.ScriptExistsAsync(IncrementBy.Source));

        Assert.Equal(5L, (long)await IncrementBy.EvaluateAsync(db, [key], [3]));
        Assert.True(await server.ScriptExistsAsync(IncrementBy.Source));
    }

    [Fact]
    public async Task A_script_error_surfaces_as_a_redis_error()
    {
        var failing = new RedisScript("return redis.error_reply('nope')");
        var error = await Assert.ThrowsAsync<RedisServerException>(() =>
            failing.EvaluateAsync(redis.Connection.Database, [], []));
        Assert.Contains("nope", error.Message);
    }
}
