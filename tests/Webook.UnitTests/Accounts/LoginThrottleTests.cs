using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Webook.Core.Accounts;
using Webook.Core.Common;

namespace Webook.UnitTests.Accounts;

/// <summary>
/// The login limits against an in-memory sliding-window log on a fake clock (the Redis log's own behaviour is in
/// RedisSlidingWindowLimiterTests): per (email, client), per email over all clients, and the growing wait.
/// </summary>
public sealed class LoginThrottleTests
{
    private const string Email = "owner@example.com";
    private const string Attacker = "203.0.113.66";
    private const string Owner = "198.51.100.7";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private (LoginThrottle Throttle, MemoryLimiter Limiter) Throttle(LoginLimitOptions options)
    {
        var limiter = new MemoryLimiter(_time);
        return (new LoginThrottle(limiter, Options.Create(options)), limiter);
    }

    /// <summary>One failed login: true when the throttle let it reach the password check.</summary>
    private static async Task<bool> FailAsync(LoginThrottle throttle, string client, string email = Email) =>
        await throttle.TryBeginAsync(email, client, default) is not null;

    [Fact]
    public async Task A_burst_from_one_client_is_cut_off_for_that_client_and_the_owner_elsewhere_still_gets_in()
    {
        var (throttle, _) = Throttle(new LoginLimitOptions { PerAccountClientLimit = 3, DelayAfter = 1000 });

        var attacker = new List<bool>();
        for (var i = 0; i < 6; i++) attacker.Add(await FailAsync(throttle, Attacker));

        Assert.Equal([true, true, true, false, false, false], attacker);
        var owner = await throttle.TryBeginAsync(Email, Owner, default);
        Assert.NotNull(owner);
        await throttle.SucceededAsync(owner, default);
        Assert.True(await FailAsync(throttle, Attacker, "someone.else@example.com"));
    }

    [Fact]
    public async Task The_email_is_refused_to_every_client_at_its_ceiling_and_other_emails_are_not()
    {
        var (throttle, _) = Throttle(new LoginLimitOptions { PerAccountClientLimit = 2, PerAccountLimit = 5, DelayAfter = 1000 });

        var allowed = 0;
        for (var client = 0; client < 5; client++)
            for (var i = 0; i < 2; i++)
                if (await FailAsync(throttle, $"203.0.113.{client}")) allowed++;

        Assert.Equal(5, allowed);
        Assert.Null(await throttle.TryBeginAsync(Email, Owner, default));
        Assert.NotNull(await throttle.TryBeginAsync("someone.else@example.com", Owner, default));
    }

    [Fact]
    public async Task A_refusal_by_a_later_limit_gives_back_the_slots_taken_before_it()
    {
        var (throttle, limiter) = Throttle(new LoginLimitOptions { PerClientLimit = 1, DelayAfter = 1000 });
        Assert.True(await FailAsync(throttle, Attacker, "first@example.com"));

        Assert.False(await FailAsync(throttle, Attacker));

        Assert.Equal(0, limiter.Count("login:account:" + Email));
        Assert.Equal(0, limiter.Count("login:account-client:" + Email + "|" + Attacker));
    }

    [Fact]
    public async Task A_success_gives_back_all_three_slots()
    {
        var (throttle, limiter) = Throttle(new LoginLimitOptions());

        var attempt = await throttle.TryBeginAsync("Owner@Example.com", Owner, default);
        await throttle.SucceededAsync(attempt!, default);

        Assert.Equal(0, limiter.Count("login:account:" + Email));
        Assert.Equal(0, limiter.Count("login:account-client:" + Email + "|" + Owner));
        Assert.Equal(0, limiter.Count("login:client:" + Owner));
    }

    [Fact]
    public async Task Past_the_delay_threshold_a_failing_client_waits_between_tries_but_a_client_without_failures_does_not()
    {
        var (throttle, _) = Throttle(new LoginLimitOptions { DelayAfter = 2, FirstDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromMinutes(1) });
        Assert.True(await FailAsync(throttle, Attacker));
        Assert.True(await FailAsync(throttle, Attacker));

        // The email has 2 failures: the attacker's next try is 10 s after its newest.
        Assert.False(await FailAsync(throttle, Attacker));
        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(await FailAsync(throttle, Attacker));
        var owner = await throttle.TryBeginAsync(Email, Owner, default);
        Assert.NotNull(owner);
        await throttle.SucceededAsync(owner, default);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await FailAsync(throttle, Attacker));

        // 3 failures: 20 s now.
        _time.Advance(TimeSpan.FromSeconds(19));
        Assert.False(await FailAsync(throttle, Attacker));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await FailAsync(throttle, Attacker));
    }

    [Fact]
    public async Task A_new_client_joining_a_distributed_attack_gets_one_try_then_waits_as_long_as_the_others()
    {
        var (throttle, _) = Throttle(new LoginLimitOptions { DelayAfter = 0, FirstDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) });
        for (var client = 0; client < 10; client++) Assert.True(await FailAsync(throttle, $"203.0.113.{client}"));

        Assert.True(await FailAsync(throttle, "203.0.113.200"));

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(await FailAsync(throttle, "203.0.113.200"));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await FailAsync(throttle, "203.0.113.200"));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(4, 0)]
    [InlineData(5, 1_000)]
    [InlineData(6, 2_000)]
    [InlineData(9, 16_000)]
    [InlineData(11, 60_000)]
    [InlineData(99, 60_000)]
    [InlineData(int.MaxValue, 60_000)]
    public async Task The_wait_asked_of_the_pair_doubles_with_the_emails_failures_up_to_the_maximum(int accountFailures, int expectedMs)
    {
        var limiter = Substitute.For<ISlidingWindowLimiter>();
        limiter.CountAsync("login:account:" + Email, TimeSpan.FromHours(1), Arg.Any<CancellationToken>()).Returns(accountFailures);
        limiter.TryAcquireAsync(default!, default!, default).ReturnsForAnyArgs("event");
        var throttle = new LoginThrottle(limiter, Options.Create(new LoginLimitOptions()));

        await throttle.TryBeginAsync(Email, Attacker, default);

        await limiter.Received(1).TryAcquireAsync("login:account-client:" + Email + "|" + Attacker,
            new WindowLimit(10, TimeSpan.FromMinutes(15), TimeSpan.FromMilliseconds(expectedMs)), Arg.Any<CancellationToken>());
        await limiter.Received(1).TryAcquireAsync("login:account:" + Email, new WindowLimit(100, TimeSpan.FromHours(1)), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task With_no_first_delay_the_emails_failures_are_not_even_read()
    {
        var limiter = Substitute.For<ISlidingWindowLimiter>();
        limiter.TryAcquireAsync(default!, default!, default).ReturnsForAnyArgs("event");
        var throttle = new LoginThrottle(limiter, Options.Create(new LoginLimitOptions { FirstDelay = TimeSpan.Zero }));

        Assert.NotNull(await throttle.TryBeginAsync(Email, Attacker, default));

        await limiter.DidNotReceiveWithAnyArgs().CountAsync(default!, default, default);
    }

    [Fact]
    public void A_maximum_delay_below_the_first_is_refused()
    {
        var options = new LoginLimitOptions { FirstDelay = TimeSpan.FromMinutes(2), MaxDelay = TimeSpan.FromMinutes(1) };

        var error = Assert.Single(options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)));

        Assert.Equal(["MaxDelay", "FirstDelay"], error.MemberNames);
    }

    /// <summary>A sliding-window log per key on the fake clock, with the spacing rule of <see cref="WindowLimit.MinSpacing"/>.</summary>
    private sealed class MemoryLimiter(TimeProvider time) : ISlidingWindowLimiter
    {
        private readonly Dictionary<string, List<(string Id, DateTimeOffset At)>> _logs = [];

        public int Count(string key) => _logs.TryGetValue(key, out var log) ? log.Count : 0;

        public Task<string?> TryAcquireAsync(string key, WindowLimit limit, CancellationToken ct)
        {
            var now = time.GetUtcNow();
            var log = Trimmed(key, limit.Window, now);
            if (log.Count >= limit.Limit) return Task.FromResult<string?>(null);
            if (limit.MinSpacing > TimeSpan.Zero && log.Count > 0 && now - log.Max(e => e.At) < limit.MinSpacing) return Task.FromResult<string?>(null);
            var id = Guid.NewGuid().ToString("N");
            log.Add((id, now));
            return Task.FromResult<string?>(id);
        }

        public Task ReleaseAsync(string key, string eventId, CancellationToken ct)
        {
            if (_logs.TryGetValue(key, out var log)) log.RemoveAll(e => e.Id == eventId);
            return Task.CompletedTask;
        }

        public Task<int> CountAsync(string key, TimeSpan window, CancellationToken ct) => Task.FromResult(Trimmed(key, window, time.GetUtcNow()).Count);

        private List<(string Id, DateTimeOffset At)> Trimmed(string key, TimeSpan window, DateTimeOffset now)
        {
            if (!_logs.TryGetValue(key, out var log)) _logs[key] = log = [];
            log.RemoveAll(e => e.At <= now - window);
            return log;
        }
    }
}
