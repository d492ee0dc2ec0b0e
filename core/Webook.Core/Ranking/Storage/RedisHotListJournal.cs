using System.Globalization;
using StackExchange.Redis;
using Webook.Core.Comments;
using Webook.Core.Interactions;
using Webook.Core.Ranking;
using Webook.Core.Storage.Redis;

namespace Webook.Core.Ranking.Storage;

/// <summary>
/// The journal in four keys without expiry (so volatile-* eviction never takes them): a hash of counts per article
/// ("{id}": "version likes reads"; "m{id}": "version comments"), a sorted set of changed articles scored by their last
/// change's number ("a{id}" for the published row, "c{id}" for the likes and reads, "m{id}" for the comments), the
/// number, and the epoch. Each change is one script, so a number is never given to a change the hash does not hold.
/// Writes do not wait; reads wait at most the cache timeout.
/// </summary>
public sealed class RedisHotListJournal(RedisConnection redis) : IHotListJournal, ICountsMirror, ICommentCountsMirror
{
    // ARGV: the hash field, the version, the value after it, the change's member.
    private const string OfferCounts = """
        local held = redis.call('HGET', KEYS[1], ARGV[1])
        if held and tonumber(string.match(held, '^%d+')) >= tonumber(ARGV[2]) then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ' ' .. ARGV[3])
        redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[3]), ARGV[4])
        return 1
        """;

    private const string MarkArticle = "return redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[2]), ARGV[1])";

    // The epoch is created by the first reader; every writer's keys live as long as it does (a flush takes them all).
    private const string Read = """
        local epoch = redis.call('GET', KEYS[1])
        if not epoch then
          epoch = ARGV[2]
          redis.call('SET', KEYS[1], epoch)
        end
        local sequence = redis.call('GET', KEYS[2]) or '0'
        local trimmed = redis.call('GET', KEYS[4]) or '0'
        local changes = {}
        if ARGV[1] ~= '' then changes = redis.call('ZRANGEBYSCORE', KEYS[3], '(' .. ARGV[1], sequence) end
        return {epoch, sequence, trimmed, changes}
        """;

    private const string Trim = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
        if tonumber(redis.call('GET', KEYS[2]) or '0') < tonumber(ARGV[1]) then redis.call('SET', KEYS[2], ARGV[1]) end
        return 1
        """;

    private RedisKey Counts => redis.Key("{hotlist}:counts");
    private RedisKey Changes => redis.Key("{hotlist}:changes");
    private RedisKey Sequence => redis.Key("{hotlist}:sequence");
    private RedisKey Epoch => redis.Key("{hotlist}:epoch");
    private RedisKey Trimmed => redis.Key("{hotlist}:trimmed");

    public void Offer(InteractionCounts counts) => redis.Send(OfferCounts, [Counts, Changes, Sequence],
        [counts.ArticleId, counts.Version, string.Create(CultureInfo.InvariantCulture, $"{counts.Likes} {counts.Reads}"), "c" + Text(counts.ArticleId)]);

    public void Offer(CommentCount count) => redis.Send(OfferCounts, [Counts, Changes, Sequence],
        ["m" + Text(count.ArticleId), count.Version, count.Count, "m" + Text(count.ArticleId)]);

    public void ArticleChanged(long articleId) =>
        redis.Send(MarkArticle, [Changes, Sequence], ["a" + Text(articleId)]);

    public async Task<HotListChanges> ReadAsync(long? after, CancellationToken ct)
    {
        var result = (RedisResult[])(await redis.WithinCacheTimeout(redis.EvaluateAsync("hot list journal read", Read,
            [Epoch, Sequence, Changes, Trimmed], [after?.ToString(CultureInfo.InvariantCulture) ?? "", Guid.NewGuid().ToString("N")], ct), ct))!;
        var articles = new List<long>();
        var counts = new List<long>();
        foreach (var member in (RedisResult[])result[3]!)
        {
            var text = (string)member!;
            var id = long.Parse(text.AsSpan(1), CultureInfo.InvariantCulture);
            (text[0] == 'a' ? articles : counts).Add(id);
        }
        return new HotListChanges((string)result[0]!, (long)result[1], (long)result[2], articles, counts.Distinct().ToList());
    }

    public async Task<MirroredTally[]> CountsAsync(IReadOnlyList<long> articleIds, CancellationToken ct)
    {
        if (articleIds.Count == 0) return [];
        var fields = new RedisValue[articleIds.Count * 2];
        for (var i = 0; i < articleIds.Count; i++) (fields[2 * i], fields[2 * i + 1]) = (articleIds[i], "m" + Text(articleIds[i]));
        var values = await redis.WithinCacheTimeout(redis.Database.HashGetAsync(Counts, fields), ct);
        var tallies = new MirroredTally[articleIds.Count];
        for (var i = 0; i < tallies.Length; i++) tallies[i] = new MirroredTally(ParseCounts(values[2 * i]), ParseComments(values[2 * i + 1]));
        return tallies;
    }

    public Task TrimAsync(long through, CancellationToken ct) =>
        redis.WithinCacheTimeout(redis.EvaluateAsync("hot list journal trim", Trim, [Changes, Trimmed], [through], ct), ct);

    private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static MirroredComments? ParseComments(RedisValue value)
    {
        if (value.IsNull) return null;
        var text = ((string)value!).AsSpan();
        var space = text.IndexOf(' ');
        return new MirroredComments(long.Parse(text[..space], CultureInfo.InvariantCulture), long.Parse(text[(space + 1)..], CultureInfo.InvariantCulture));
    }

    private static MirroredCounts? ParseCounts(RedisValue value)
    {
        if (value.IsNull) return null;
        var parts = ((string)value!).Split(' ');
        return new MirroredCounts(long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture),
            long.Parse(parts[2], CultureInfo.InvariantCulture));
    }
}
