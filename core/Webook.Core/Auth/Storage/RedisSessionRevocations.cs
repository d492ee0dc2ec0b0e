using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Webook.Core.Storage.Redis;

namespace Webook.Core.Auth.Storage;

/// <summary>
/// Logouts in one Redis sorted set (member the ssid, score the moment its tokens have all expired), each also
/// announced on a pub/sub channel. Each instance keeps a <see cref="RevokedSessionMirror"/> of the set and answers
/// session checks from it, without a round trip, while it is provably current; otherwise every check asks Redis,
/// so an outage still fails closed. The first check starts the mirror.
/// </summary>
public sealed class RedisSessionRevocations : ISessionRevocations, IDisposable
{
    // KEYS[1] the set; ARGV[1] the ssid, ARGV[2] how long to keep it (ms), ARGV[3] the channel. Adding and
    // announcing in one script, so the channel carries every logout the set holds. Expired members go on the way.
    private const string Revoke = """
        if redis.replicate_commands then redis.replicate_commands() end
        local time = redis.call('TIME')
        local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
        local expires = string.format('%d', now + tonumber(ARGV[2]))
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', now))
        redis.call('ZADD', KEYS[1], 'GT', expires, ARGV[1])
        redis.call('PUBLISH', ARGV[3], 'r ' .. expires .. ' ' .. ARGV[1])
        return 1
        """;

    private static readonly Task<bool> Revoked = Task.FromResult(true);
    private static readonly Task<bool> NotRevoked = Task.FromResult(false);

    private readonly RedisConnection _redis;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisSessionRevocations> _logger;
    private readonly AuthOptions _options;
    private readonly RevokedSessionMirror _mirror;
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly CancellationTokenSource _stopping = new();
    private int _started;

    public RedisSessionRevocations(RedisConnection redis, IOptions<AuthOptions> options, TimeProvider time, ILogger<RedisSessionRevocations> logger)
    {
        _redis = redis;
        _time = time;
        _logger = logger;
        _options = options.Value;
        _mirror = new RevokedSessionMirror(time, _options.RevocationMaxSilence);
    }

    /// <summary>Whether checks are answered in process right now.</summary>
    public bool AnswersLocally => _mirror.IsTrusted;

    private RedisKey SetKey => _redis.Key("users:ssid:revoked");

    private RedisChannel Channel => RedisChannel.Literal(_redis.KeyPrefix + "users:ssid:revocations");

    public async Task RevokeAsync(string sessionId, TimeSpan keepFor, CancellationToken ct)
    {
        await _redis.EvaluateAsync("session revoke", Revoke, [SetKey],
            [sessionId, ((long)keepFor.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), Channel.ToString()], ct);
        // This instance's own copy at once: the next request may come before the published message does.
        _mirror.Revoked(sessionId, (_time.GetUtcNow() + keepFor).ToUnixTimeMilliseconds());
    }

    public Task<bool> IsRevokedAsync(string sessionId, CancellationToken ct)
    {
        StartOnce();
        return _mirror.IsRevoked(sessionId) switch
        {
            true => Revoked,
            false => NotRevoked,
            null => AskRedisAsync(sessionId),
        };
    }

    private async Task<bool> AskRedisAsync(string sessionId) =>
        await _redis.Database.SortedSetScoreAsync(SetKey, sessionId) > _time.GetUtcNow().ToUnixTimeMilliseconds();

    private void StartOnce()
    {
        if (_options.RevocationMaxSilence <= TimeSpan.Zero || Interlocked.Exchange(ref _started, 1) == 1) return;
        _ = Task.Run(() => KeepMirrorAsync(_stopping.Token));
    }

    /// <summary>Each heartbeat: subscribe if not yet, send the heartbeat, and fill the mirror when a fill is due and would be complete.</summary>
    private async Task KeepMirrorAsync(CancellationToken ct)
    {
        var multiplexer = _redis.Multiplexer;
        multiplexer.ConnectionFailed += (_, _) => _mirror.Lost();
        multiplexer.ConnectionRestored += (_, _) => _mirror.Lost();
        var subscriber = multiplexer.GetSubscriber();
        ChannelMessageQueue? messages = null;
        long sequence = 0;
        var nextFill = _time.GetTimestamp();
        using var timer = new PeriodicTimer(_options.RevocationHeartbeat, _time);
        do
        {
            try
            {
                // One queue, read in order: a heartbeat is handled only after every message published before it.
                // The client renews the subscription after each reconnection by itself.
                if (messages is null)
                {
                    messages = await subscriber.SubscribeAsync(Channel).WaitAsync(ct);
                    messages.OnMessage(Handle);
                }
                await subscriber.PublishAsync(Channel, $"h {_instance} {sequence} {_time.GetTimestamp()}").WaitAsync(ct);
                sequence++;

                if ((!_mirror.IsFilled || _time.GetTimestamp() >= nextFill) && _mirror.CanFill)
                {
                    var generation = _mirror.Generation;
                    var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
                    var stored = await _redis.Database.SortedSetRangeByScoreWithScoresAsync(SetKey, now, double.PositiveInfinity).WaitAsync(ct);
                    _mirror.Filled(generation, stored.Select(entry => ((string)entry.Element!, (long)entry.Score)));
                    _mirror.DropExpired();
                    nextFill = _time.GetTimestamp() + (long)(_options.RevocationResync.TotalSeconds * _time.TimestampFrequency);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogWarning("Keeping this instance's copy of the logouts failed ({Error}); session checks ask Redis until it works again",
                    e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(ct));
    }

    private void Handle(ChannelMessage message)
    {
        var parts = ((string)message.Message!).Split(' ');
        if (parts is ["r", var expires, var sessionId])
            _mirror.Revoked(sessionId, long.Parse(expires, CultureInfo.InvariantCulture));
        else if (parts is ["h", var instance, var sequence, var sentAt] && instance == _instance)
            _mirror.Heard(long.Parse(sequence, CultureInfo.InvariantCulture), long.Parse(sentAt, CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }
}
