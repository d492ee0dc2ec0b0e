using System.Buffers.Binary;
using System.Globalization;
using StackExchange.Redis;
using Webook.Core.Interactions;
using Webook.Core.Storage.Redis;

namespace Webook.Core.Ranking.Storage;

/// <summary>
/// One hash without expiry next to the journal's keys (a flush takes both): "meta" is "epoch sequence builtAt-ms count
/// format", and fields "0", "1", ... hold the candidates in chunks of <see cref="ChunkSize"/>, 48 bytes each (id, author,
/// update time in ticks, likes, reads, comments), so 100,000 candidates are 4.8 MB. A checkpoint of another format
/// (an older release's) reads as none. Replaced whole in one transaction. Both calls wait at
/// most Redis:OperationTimeout, the client's own deadline, not the shorter cache timeout: this is megabytes.
/// </summary>
public sealed class RedisHotListCheckpoint(RedisConnection redis) : IHotListCheckpoint
{
    public const int ChunkSize = 10_000;
    private const int Width = 48;
    private const string Format = "2";

    private RedisKey Key => redis.Key("{hotlist}:checkpoint");

    public async Task SaveAsync(HotListSnapshot snapshot, CancellationToken ct)
    {
        var candidates = snapshot.Candidates.ToArray();
        var fields = new List<HashEntry>
        {
            new("meta", string.Join(' ', snapshot.Epoch, snapshot.Sequence.ToString(CultureInfo.InvariantCulture),
                snapshot.BuiltAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), candidates.Length.ToString(CultureInfo.InvariantCulture),
                Format)),
        };
        for (var chunk = 0; chunk * ChunkSize < candidates.Length; chunk++)
            fields.Add(new HashEntry(chunk, Pack(candidates.AsSpan(chunk * ChunkSize, Math.Min(ChunkSize, candidates.Length - chunk * ChunkSize)))));
        var replace = redis.Database.CreateTransaction();
        _ = replace.KeyDeleteAsync(Key);
        _ = replace.HashSetAsync(Key, [.. fields]);
        await replace.ExecuteAsync().WaitAsync(ct);
    }

    public async Task<HotListSnapshot?> LoadAsync(CancellationToken ct)
    {
        var fields = await redis.Database.HashGetAllAsync(Key).WaitAsync(ct);
        var meta = fields.FirstOrDefault(f => f.Name == "meta").Value;
        if (meta.IsNull) return null;
        var parts = ((string)meta!).Split(' ');
        if (parts.Length != 5 || parts[4] != Format) return null;
        var count = int.Parse(parts[3], CultureInfo.InvariantCulture);
        var snapshot = new HotListSnapshot(parts[0], long.Parse(parts[1], CultureInfo.InvariantCulture),
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[2], CultureInfo.InvariantCulture)));
        var loaded = 0;
        for (var chunk = 0; chunk * ChunkSize < count; chunk++)
        {
            var bytes = (byte[]?)fields.FirstOrDefault(f => f.Name == chunk).Value;
            if (bytes is null || bytes.Length % Width != 0) return null;
            for (var at = 0; at < bytes.Length; at += Width, loaded++) Unpack(bytes.AsSpan(at, Width), snapshot);
        }
        return loaded == count ? snapshot : null;
    }

    private static byte[] Pack(ReadOnlySpan<HotCandidate> candidates)
    {
        var bytes = new byte[candidates.Length * Width];
        for (var i = 0; i < candidates.Length; i++)
        {
            var at = bytes.AsSpan(i * Width, Width);
            var c = candidates[i];
            BinaryPrimitives.WriteInt64LittleEndian(at, c.Article.Id);
            BinaryPrimitives.WriteInt64LittleEndian(at[8..], c.Article.AuthorId);
            BinaryPrimitives.WriteInt64LittleEndian(at[16..], c.Article.UpdatedAt.UtcTicks);
            BinaryPrimitives.WriteInt64LittleEndian(at[24..], c.Likes);
            BinaryPrimitives.WriteInt64LittleEndian(at[32..], c.Reads);
            BinaryPrimitives.WriteInt64LittleEndian(at[40..], c.Comments);
        }
        return bytes;
    }

    private static void Unpack(ReadOnlySpan<byte> at, HotListSnapshot snapshot) => snapshot.Put(
        new PublishedStamp(BinaryPrimitives.ReadInt64LittleEndian(at), BinaryPrimitives.ReadInt64LittleEndian(at[8..]),
            new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(at[16..]), TimeSpan.Zero)),
        BinaryPrimitives.ReadInt64LittleEndian(at[24..]), BinaryPrimitives.ReadInt64LittleEndian(at[32..]), BinaryPrimitives.ReadInt64LittleEndian(at[40..]));
}
