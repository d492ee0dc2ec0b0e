using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Webook.Core.Auth;
using Webook.Core.Auth.Storage;
using Webook.Core.Storage.Redis;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Redis;

/// <summary>
/// Instances with their own connections to a real Redis, sharing one key prefix: a logout through one reaches the
/// other's in-process copy, which answers without a round trip only while its heartbeat comes back.
/// </summary>
public sealed class RedisSessionRevocationsTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private readonly string _prefix = TestEnvironment.UniqueName("it") + ":";
    private readonly List<IDisposable> _owned = [];

    private (RedisSessionRevocations Revocations, RedisConnection Redis) Instance(string connectionString, TimeSpan maxSilence)
    {
        var redis = new RedisConnection(Options.Create(new RedisOptions
        {
            ConnectionString = connectionString + ",allowAdmin=true", KeyPrefix = _prefix, OperationTimeout = TimeSpan.FromSeconds(1),
        }));
        var revocations = new RedisSessionRevocations(redis, Options.Create(new AuthOptions
        {
            RevocationMaxSilence = maxSilence, RevocationHeartbeat = TimeSpan.FromMilliseconds(50),
        }), TimeProvider.System, NullLogger<RedisSessionRevocations>.Instance);
        _owned.Add(revocations);
        _owned.Add(redis);
        return (revocations, redis);
    }

    private static async Task AnswersLocallySoonAsync(RedisSessionRevocations revocations)
    {
        await revocations.IsRevokedAsync("start", default);
        await Eventually(() => Task.FromResult(revocations.AnswersLocally));
    }

    /// <summary>The answer if it was there at once (so no round trip made it), else null.</summary>
    private static bool? AtOnce(Task<bool> answer) => answer.IsCompletedSuccessfully ? answer.GetAwaiter().GetResult() : null;

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition() && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(await condition());
    }

    [Fact]
    public async Task A_logout_is_kept_in_redis_for_the_given_time()
    {
        var (revocations, redis) = Instance(TestEnvironment.RedisConnectionString, TimeSpan.Zero);
        var ssid = Guid.NewGuid().ToString("N");

        Assert.False(await revocations.IsRevokedAsync(ssid, default));
        await revocations.RevokeAsync(ssid, TimeSpan.FromDays(7), default);

        Assert.True(await revocations.IsRevokedAsync(ssid, default));
        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds((long)(await redis.Database.SortedSetScoreAsync(redis.Key("users:ssid:revoked"), ssid))!);
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
    }

    [Fact]
    public async Task A_logout_through_one_instance_reaches_the_others_copy_and_logouts_from_before_it_started_too()
    {
        var (first, _) = Instance(TestEnvironment.RedisConnectionString, TimeSpan.FromMinutes(1));
        var earlier = Guid.NewGuid().ToString("N");
        await first.RevokeAsync(earlier, TimeSpan.FromDays(1), default);
        var (second, _) = Instance(TestEnvironment.RedisConnectionString, TimeSpan.FromMinutes(1));
        await AnswersLocallySoonAsync(second);
        await AnswersLocallySoonAsync(first);
        Assert.True(await second.IsRevokedAsync(earlier, default));

        var ssid = Guid.NewGuid().ToString("N");
        Assert.False(await second.IsRevokedAsync(ssid, default));
        await first.RevokeAsync(ssid, TimeSpan.FromDays(1), default);

        await Eventually(() => second.IsRevokedAsync(ssid, default));
        Assert.True(second.AnswersLocally);
    }

    [Fact]
    public async Task The_instance_a_logout_went_through_refuses_the_session_at_once_without_waiting_for_its_message()
    {
        var (revocations, _) = Instance(TestEnvironment.RedisConnectionString, TimeSpan.FromMinutes(10));
        await AnswersLocallySoonAsync(revocations);
        var ssid = Guid.NewGuid().ToString("N");
        Assert.False(await revocations.IsRevokedAsync(ssid, default));

        await revocations.RevokeAsync(ssid, TimeSpan.FromDays(1), default);

        // The very next check, answered by the process (no round trip), before the pub/sub message could be relied on.
        Assert.True(AtOnce(revocations.IsRevokedAsync(ssid, default)));
    }

    [Fact]
    public async Task A_copy_that_hears_its_heartbeat_answers_without_redis_and_one_that_stopped_hearing_it_fails_closed()
    {
        await using var server = await LocalService.StartRedisAsync();
        var connection = $"127.0.0.1:{server.Port}";
        var (patient, _) = Instance(connection, TimeSpan.FromMinutes(10));
        var (strict, _) = Instance(connection, TimeSpan.FromMilliseconds(300));
        var ssid = Guid.NewGuid().ToString("N");
        await patient.RevokeAsync(ssid, TimeSpan.FromDays(1), default);
        await AnswersLocallySoonAsync(patient);
        await AnswersLocallySoonAsync(strict);

        await server.PauseAsync();
        try
        {
            // Redis is frozen: an answer that is there at once came from the process.
            Assert.True(AtOnce(patient.IsRevokedAsync(ssid, default)));
            Assert.False(AtOnce(patient.IsRevokedAsync(Guid.NewGuid().ToString("N"), default)));

            // No heartbeat has come back for longer than the bound: the check goes to Redis and fails.
            await Task.Delay(TimeSpan.FromMilliseconds(600));
            Assert.False(strict.AnswersLocally);
            await Assert.ThrowsAnyAsync<Exception>(() => strict.IsRevokedAsync(ssid, default));
        }
        finally
        {
            await server.ResumeAsync();
        }

        await Eventually(() => Task.FromResult(strict.AnswersLocally));
        Assert.True(await strict.IsRevokedAsync(ssid, default));
    }

    [Fact]
    public async Task After_its_subscription_dropped_an_instance_reads_the_set_again_before_it_trusts_its_copy()
    {
        await using var server = await LocalService.StartRedisAsync();
        var (reader, redis) = Instance($"127.0.0.1:{server.Port}", TimeSpan.FromMinutes(10));
        await AnswersLocallySoonAsync(reader);

        // A logout the channel never carried, as if it was published while the subscription was away.
        var missed = Guid.NewGuid().ToString("N");
        var expiresAt = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds();
        await redis.Database.SortedSetAddAsync(redis.Key("users:ssid:revoked"), missed, expiresAt);
        Assert.False(AtOnce(reader.IsRevokedAsync(missed, default)));

        await redis.Database.ExecuteAsync("CLIENT", "KILL", "TYPE", "pubsub");

        await Eventually(() => Task.FromResult(reader.AnswersLocally && AtOnce(reader.IsRevokedAsync(missed, default)) == true));
    }

    public ValueTask DisposeAsync()
    {
        foreach (var owned in _owned) owned.Dispose();
        return ValueTask.CompletedTask;
    }
}
