using Microsoft.Extensions.Time.Testing;
using Webook.Core.Auth;

namespace Webook.UnitTests.Auth;

public sealed class RevokedSessionMirrorTests
{
    private static readonly TimeSpan MaxSilence = TimeSpan.FromSeconds(3);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-06T12:00:00Z"));
    private readonly RevokedSessionMirror _mirror;
    private long _sequence;

    public RevokedSessionMirrorTests() => _mirror = new RevokedSessionMirror(_time, MaxSilence);

    private long InOneDay => _time.GetUtcNow().AddDays(1).ToUnixTimeMilliseconds();

    [Fact]
    public void It_answers_nothing_before_a_heartbeat_came_back_and_a_fill_followed()
    {
        Assert.Null(_mirror.IsRevoked("s"));
        Assert.False(_mirror.CanFill);

        _time.Advance(TimeSpan.FromMilliseconds(10));
        HeartbeatComesBack();
        Assert.True(_mirror.CanFill);
        Assert.Null(_mirror.IsRevoked("s"));

        _mirror.Filled(_mirror.Generation, [("s", InOneDay)]);
        Assert.True(_mirror.IsRevoked("s"));
        Assert.False(_mirror.IsRevoked("other"));
    }

    [Fact]
    public void A_revocation_from_the_channel_counts_at_once_and_ends_when_its_tokens_expire()
    {
        Trusted();
        _mirror.Revoked("s", _time.GetUtcNow().AddSeconds(2).ToUnixTimeMilliseconds());
        Assert.True(_mirror.IsRevoked("s"));

        _time.Advance(TimeSpan.FromSeconds(2));
        HeartbeatComesBack();
        Assert.False(_mirror.IsRevoked("s"));
        _mirror.DropExpired();
        Assert.Equal(0, _mirror.Count);
    }

    [Fact]
    public void A_silent_channel_hands_every_check_back_to_the_store_until_a_heartbeat_comes_back()
    {
        Trusted();
        _time.Advance(MaxSilence - TimeSpan.FromMilliseconds(1));
        Assert.False(_mirror.IsRevoked("s"));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(_mirror.IsRevoked("s"));

        HeartbeatComesBack();
        Assert.False(_mirror.IsRevoked("s"));
    }

    [Fact]
    public void After_a_loss_only_a_fill_begun_after_a_later_heartbeat_restores_trust()
    {
        Trusted();
        var before = _mirror.Generation;
        _time.Advance(TimeSpan.FromMilliseconds(10));
        _mirror.Lost();
        Assert.Null(_mirror.IsRevoked("s"));
        Assert.False(_mirror.CanFill);

        // A fill read in the generation before the loss may miss what the channel dropped.
        _mirror.Filled(before, []);
        Assert.Null(_mirror.IsRevoked("s"));

        _time.Advance(TimeSpan.FromMilliseconds(10));
        HeartbeatComesBack();
        Assert.True(_mirror.CanFill);
        _mirror.Filled(_mirror.Generation, [("s", InOneDay)]);
        Assert.True(_mirror.IsRevoked("s"));
    }

    [Fact]
    public void A_heartbeat_missing_between_two_that_came_back_counts_as_a_loss()
    {
        Trusted();
        var generation = _mirror.Generation;
        _sequence++;
        HeartbeatComesBack();

        Assert.NotEqual(generation, _mirror.Generation);
        Assert.Null(_mirror.IsRevoked("s"));
    }

    [Fact]
    public void A_heartbeat_sent_again_with_its_number_is_no_loss()
    {
        Trusted();
        var generation = _mirror.Generation;
        _mirror.Heard(_sequence - 1, _time.GetTimestamp());

        Assert.Equal(generation, _mirror.Generation);
        Assert.False(_mirror.IsRevoked("s"));
    }

    [Fact]
    public void Without_a_bound_it_is_never_trusted()
    {
        var mirror = new RevokedSessionMirror(_time, TimeSpan.Zero);
        _time.Advance(TimeSpan.FromMilliseconds(10));
        mirror.Heard(0, _time.GetTimestamp());
        mirror.Filled(mirror.Generation, []);

        Assert.Null(mirror.IsRevoked("s"));
    }

    private void Trusted()
    {
        _time.Advance(TimeSpan.FromMilliseconds(10));
        HeartbeatComesBack();
        _mirror.Filled(_mirror.Generation, []);
        Assert.True(_mirror.IsTrusted);
    }

    private void HeartbeatComesBack() => _mirror.Heard(_sequence++, _time.GetTimestamp());
}
