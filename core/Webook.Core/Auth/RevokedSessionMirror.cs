using System.Collections.Concurrent;

namespace Webook.Core.Auth;

/// <summary>
/// This instance's copy of the logged-out sessions, fed by the revocation channel and trusted only while it is
/// provably current: it was filled from the store after the last moment messages may have been missed, and the
/// instance's own heartbeat came back through the channel less than <c>maxSilence</c> ago. Messages on one channel
/// arrive in the order the server took them, so a heartbeat heard means every revocation published before it was
/// heard too; a logout that completed before the last heartbeat heard is in the copy. Otherwise
/// <see cref="IsRevoked"/> answers null and the caller asks the store.
/// </summary>
public sealed class RevokedSessionMirror(TimeProvider time, TimeSpan maxSilence)
{
    private readonly ConcurrentDictionary<string, long> _expiries = new(StringComparer.Ordinal);
    private long _generation;
    private long _syncedGeneration = -1;
    private long _lostAt = time.GetTimestamp();
    private long _lastHeardSentAt = long.MinValue;
    private long _lastHeardSequence = -1;
    private long _sequenceGeneration = -1;

    /// <summary>Changes whenever messages may have been missed; a fill counts only for the generation it began in.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Filled from the store since messages were last lost.</summary>
    public bool IsFilled => Interlocked.Read(ref _syncedGeneration) == Generation;

    public bool IsTrusted => IsFilled && time.GetElapsedTime(Interlocked.Read(ref _lastHeardSentAt)) < maxSilence;

    /// <summary>Whether a fill now would be complete: a heartbeat sent after the last loss has come back.</summary>
    public bool CanFill => Interlocked.Read(ref _lastHeardSentAt) > Interlocked.Read(ref _lostAt);

    /// <summary>True or false while trusted; null when the store has to answer.</summary>
    public bool? IsRevoked(string sessionId)
    {
        if (!IsTrusted) return null;
        return _expiries.TryGetValue(sessionId, out var expiresAt) && expiresAt > time.GetUtcNow().ToUnixTimeMilliseconds();
    }

    public void Revoked(string sessionId, long expiresAtUnixMs) =>
        _expiries.AddOrUpdate(sessionId, expiresAtUnixMs, (_, known) => Math.Max(known, expiresAtUnixMs));

    /// <summary>The connection dropped or came back: whatever was published meanwhile never reached this copy.</summary>
    public void Lost()
    {
        Interlocked.Exchange(ref _lostAt, time.GetTimestamp());
        Interlocked.Increment(ref _generation);
    }

    /// <summary>
    /// This instance's heartbeat <paramref name="sequence"/>, sent at <paramref name="sentAt"/> (a
    /// <see cref="TimeProvider.GetTimestamp"/>), came back. The sender numbers only heartbeats the server
    /// confirmed, so a gap means one was published and never arrived, and other messages may be missing with it.
    /// Called by one reader at a time, in channel order.
    /// </summary>
    public void Heard(long sequence, long sentAt)
    {
        var generation = Generation;
        if (_sequenceGeneration != generation) _lastHeardSequence = sequence;
        else if (sequence > _lastHeardSequence + 1) Lost();
        // A heartbeat whose publish timed out is sent again with its number, so a number may come twice.
        _lastHeardSequence = Math.Max(_lastHeardSequence, sequence);
        _sequenceGeneration = Generation;
        if (sentAt > Interlocked.Read(ref _lastHeardSentAt)) Interlocked.Exchange(ref _lastHeardSentAt, sentAt);
    }

    /// <summary>
    /// The store's revocations, read after <see cref="CanFill"/> was true in <paramref name="generation"/>: the copy
    /// is trusted from now on unless messages were lost since.
    /// </summary>
    public void Filled(long generation, IEnumerable<(string SessionId, long ExpiresAtUnixMs)> revocations)
    {
        foreach (var (sessionId, expiresAt) in revocations) Revoked(sessionId, expiresAt);
        if (Generation == generation) Interlocked.Exchange(ref _syncedGeneration, generation);
    }

    /// <summary>Forgets revocations whose tokens have all expired.</summary>
    public void DropExpired()
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (sessionId, expiresAt) in _expiries)
            if (expiresAt <= now) _expiries.TryRemove(KeyValuePair.Create(sessionId, expiresAt));
    }

    public int Count => _expiries.Count;
}
