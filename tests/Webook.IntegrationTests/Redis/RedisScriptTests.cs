using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Webook.Core.Storage.Redis;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Redis;

/// <summary>
/// The stores pass Lua source to ScriptEvaluateAsync and rely on StackExchange.Redis to run it by SHA
/// (EVALSHA) and to send it again when the server has lost it (restart, failover, SCRIPT FLUSH). The flushes happen on a
/// private server: a flush of the shared one would make every other test's first script of each kind answer NOSCRIPT.
/// </summary>
public sealed class RedisScriptTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const string IncrementBy = "return redis.call('INCRBY', KEYS[1], ARGV[1])";

    [Fact]
    public async Task A_script_is_cached_on_the_server_and_loaded_again_after_a_script_flush()
    {
        await using var server = await LocalService.StartRedisAsync();
        using var connection = Connect(server);
        var db = connection.Database;
        var key = connection.Key("counter");

        Assert.Equal(2L, (long)await db.ScriptEvaluateAsync(IncrementBy, [key], [2]));
        Assert.True(await Server(connection).ScriptExistsAsync(IncrementBy));

        await Server(connection).ScriptFlushAsync();
        Assert.False(await Server(connection).ScriptExistsAsync(IncrementBy));

        Assert.Equal(5L, (long)await db.ScriptEvaluateAsync(IncrementBy, [key], [3]));
        Assert.True(await Server(connection).ScriptExistsAsync(IncrementBy));
    }

    [Fact]
    public async Task A_script_sent_without_waiting_runs_even_when_the_server_lost_it_which_fire_and_forget_does_not()
    {
        await using var server = await LocalService.StartRedisAsync();
        using var connection = Connect(server);
        var db = connection.Database;
        var key = connection.Key("counter");
        Assert.Equal(2L, (long)await db.ScriptEvaluateAsync(IncrementBy, [key], [2]));

        await Server(connection).ScriptFlushAsync();
        db.ScriptEvaluate(IncrementBy, [key], [3], CommandFlags.FireAndForget);
        Assert.Equal(2L, (long)await db.StringGetAsync(key)); // the EVALSHA met NOSCRIPT and nobody sent it again

        await Server(connection).ScriptFlushAsync();
        connection.Send(IncrementBy, [key], [3]);
        // The first EVALSHA is answered NOSCRIPT, and the source goes after it: wait for that second reply.
        var value = await WaitForAsync(() => db.StringGetAsync(key), v => (long)v == 5);
        Assert.Equal(5L, (long)value);
    }

    [Fact]
    public async Task A_script_error_surfaces_as_a_redis_error()
    {
        var error = await Assert.ThrowsAsync<RedisServerException>(() =>
            redis.Connection.Database.ScriptEvaluateAsync("return redis.error_reply('nope')", [], []));
        Assert.Contains("nope", error.Message);
    }

    private static RedisConnection Connect(LocalService server) =>
        new(Options.Create(new RedisOptions { ConnectionString = $"127.0.0.1:{server.Port},allowAdmin=true", KeyPrefix = "scripts:" }));

    private static IServer Server(RedisConnection connection) => connection.Multiplexer.GetServer(connection.Multiplexer.GetEndPoints()[0]);

    private static async Task<RedisValue> WaitForAsync(Func<Task<RedisValue>> read, Func<RedisValue, bool> done)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await read();
            if (done(value) || patience.IsCancellationRequested) return value;
            await Task.Delay(20, CancellationToken.None);
        }
    }
}
