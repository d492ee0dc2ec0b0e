using System.Security.Cryptography;

namespace Webook.Core.Common;

/// <summary>
/// Roughly time-ordered ids below 2^53 (the web client parses ids as JavaScript numbers), with no
/// coordination between instances: 42 bits of milliseconds since 2024 and 11 random bits. Two
/// instances can collide only within one millisecond, so every id is inserted insert-first and a
/// conflict draws a new one.
/// </summary>
public sealed class IdGenerator(TimeProvider time)
{
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const int RandomBits = 11;

    public long Next()
    {
        var milliseconds = (long)(time.GetUtcNow() - Epoch).TotalMilliseconds;
        return (milliseconds << RandomBits) | (long)RandomNumberGenerator.GetInt32(1 << RandomBits);
    }

    /// <summary>When an id was drawn, in Unix ms.</summary>
    public static long UnixMsOf(long id) => (id >> RandomBits) + Epoch.ToUnixTimeMilliseconds();

    /// <summary>The lowest id drawn at <paramref name="unixMs"/> or later.</summary>
    public static long FirstAt(long unixMs) => Math.Max(0, unixMs - Epoch.ToUnixTimeMilliseconds()) << RandomBits;
}
