using Microsoft.Extensions.Time.Testing;
using Webook.Core.Common;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Webook.Core.Accounts;

namespace Webook.UnitTests.Accounts;

public sealed class UserProfilesTests
{
    private readonly IUserStore _store = Substitute.For<IUserStore>();
    private readonly IUserCache _cache = Substitute.For<IUserCache>();
    private readonly UserProfiles _profiles;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly User _user = new() { Id = 5, Email = "a@b.co", Nickname = "Ada" };

    public UserProfilesTests() => _profiles = new UserProfiles(_store, _cache, new CacheMetrics(TestMeters.Factory), _time, NullLogger<UserProfiles>.Instance);

    [Fact]
    public async Task A_cached_profile_is_served_without_reading_the_table()
    {
        _cache.GetAsync(5, Arg.Any<CancellationToken>()).Returns(_user);
        Assert.Same(_user, await _profiles.FindByIdAsync(5, default));
        await _store.DidNotReceiveWithAnyArgs().FindByIdAsync(default, default);
    }

    [Fact]
    public async Task A_cache_miss_reads_the_table_and_fills_the_cache()
    {
        _store.FindByIdAsync(5, Arg.Any<CancellationToken>()).Returns(_user);
        Assert.Same(_user, await _profiles.FindByIdAsync(5, default));
        await _cache.Received().SetAsync(_user, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_failing_cache_falls_back_to_the_table()
    {
        _cache.GetAsync(5, Arg.Any<CancellationToken>()).ThrowsAsync(new TimeoutException());
        _cache.SetAsync(Arg.Any<User>(), Arg.Any<CancellationToken>()).ThrowsAsync(new TimeoutException());
        _store.FindByIdAsync(5, Arg.Any<CancellationToken>()).Returns(_user);
        Assert.Same(_user, await _profiles.FindByIdAsync(5, default));
    }

    [Fact]
    public async Task An_unknown_user_is_not_cached()
    {
        Assert.Null(await _profiles.FindByIdAsync(5, default));
        await _cache.DidNotReceiveWithAnyArgs().SetAsync(default!, default);
    }

    [Fact]
    public async Task An_edit_writes_the_table_then_drops_the_cached_profile()
    {
        var edit = new ProfileEdit("Grace", null, "");
        _store.UpdateProfileAsync(5, edit, Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>()).Returns(true);

        Assert.True(await _profiles.UpdateAsync(5, edit, default));

        Received.InOrder(() =>
        {
            _store.UpdateProfileAsync(5, edit, _time.GetUtcNow(), Arg.Any<CancellationToken>());
            _cache.RemoveAsync(5, Arg.Any<CancellationToken>());
        });
    }

    [Fact]
    public async Task A_table_failure_on_edit_propagates_and_leaves_the_cache_alone()
    {
        _store.UpdateProfileAsync(5, Arg.Any<ProfileEdit>(), Arg.Any<DateTimeOffset>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new IOException("down"));
        await Assert.ThrowsAsync<IOException>(() => _profiles.UpdateAsync(5, new ProfileEdit("x", null, ""), default));
        await _cache.DidNotReceiveWithAnyArgs().RemoveAsync(default, default);
    }
}
