using System.Globalization;
using StackExchange.Redis;
using Webook.Core.Ranking;
using Webook.Core.Storage.Redis;

namespace Webook.Core.Ranking.Storage;

/// <summary>One hash, a field per instance holding "load@unix-ms"; stale fields are dropped as they are read.</summary>
public sealed class RedisLoadBoard(RedisConnection redis, TimeProvider time) : ILoadBoard
{
    public Task ReportAsync(string instance, double load, CancellationToken ct) =>
        redis.Database.HashSetAsync(Key, instance,
            string.Create(CultureInfo.InvariantCulture, $"{load}@{time.GetUtcNow().ToUnixTimeMilliseconds()}")).WaitAsync(ct);

    public async Task<IReadOnlyDictionary<string, double>> ReadAsync(TimeSpan lifetime, CancellationToken ct)
    {
        var oldest = (time.GetUtcNow() - lifetime).ToUnixTimeMilliseconds();
        var loads = new Dictionary<string, double>();
        foreach (var entry in await redis.Database.HashGetAllAsync(Key).WaitAsync(ct))
        {
            var parts = ((string)entry.Value!).Split('@');
            if (parts.Length == 2 && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var at) && at >= oldest
                && double.TryParse(parts[0], CultureInfo.InvariantCulture, out var load))
                loads[(string)entry.Name!] = load;
            else
                await redis.Database.HashDeleteAsync(Key, entry.Name, CommandFlags.FireAndForget);
        }
        return loads;
    }

    private RedisKey Key => redis.Key("loads");
}
