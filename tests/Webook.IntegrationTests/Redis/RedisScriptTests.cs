using StackExchange.Redis;

namespace Webook.IntegrationTests.Redis;

/// <summary>
/// The stores pass Lua source to ScriptEvaluateAsync and rely on StackExchange.Redis to run it by SHA
/// (EVALSHA) and to send it again when the server has lost it (restart, failover, SCRIPT FLUSH).
/// </summary>
public sealed class RedisScriptTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string IncrementBy = "return redis.call('INCRBY', KEYS[1], ARGV[1])";

    [Fact]
    public async Task A_script_is_cached_on_the_server_and_loaded_again_after_a_script_flush()
    {
        var db = redis.Connection.Database;
        var key = redis.Connection.Key("counter:" + Guid.NewGuid());

        Assert.Equal(2L, (long)await db.ScriptEvaluateAsync(IncrementBy, [key], [2]));
        var server = db.Multiplexer.GetServer(db.Multiplexer.GetEndPoints()[0]);
        Assert.True(await server.ScriptExistsAsync(IncrementBy));

        await server.ScriptFlushAsync();
        Assert.False(await server.ScriptExistsAsync(IncrementBy));

        Assert.Equal(5L, (long)await db.ScriptEvaluateAsync(IncrementBy, [key], [3]));
        Assert.True(await server.ScriptExistsAsync(IncrementBy));
    }

    [Fact]
    public async Task A_script_error_surfaces_as_a_redis_error()
    {
        var error = await Assert.ThrowsAsync<RedisServerException>(() =>
            redis.Connection.Database.ScriptEvaluateAsync("return redis.error_reply('nope')", [], []));
        Assert.Contains("nope", error.Message);
    }
}
