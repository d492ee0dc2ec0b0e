using Microsoft.Extensions.Time.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NSubstitute;
using Webook.Core.Accounts;
using Webook.Core.Common;

namespace Webook.UnitTests.Accounts;

public sealed class UserServiceTests
{
    private const string Client = "198.51.100.4";
    private readonly IUserStore _users = Substitute.For<IUserStore>();
    private readonly PasswordHasher<User> _hasher = new(Options.Create(new PasswordHasherOptions { IterationCount = 1000 }));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly UserService _service;

    private readonly ISlidingWindowLimiter _limiter = Substitute.For<ISlidingWindowLimiter>();
    private readonly IPasswordHasher<User> _countingHasher = Substitute.For<IPasswordHasher<User>>();

    public UserServiceTests()
    {
        _limiter.TryAcquireAsync(default!, default!, default).ReturnsForAnyArgs(c => "event-" + c.ArgAt<string>(0));
        _service = Service(_hasher);
    }

    private UserService Service(IPasswordHasher<User> hasher) =>
        new(_users, hasher, new LoginThrottle(_limiter, Options.Create(new LoginLimitOptions())), _time);

    [Fact]
    public async Task Signup_stores_a_pbkdf2_hash_never_the_password()
    {
        User? stored = null;
        _users.TryInsertAsync(Arg.Do<User>(u => stored = u), Arg.Any<CancellationToken>()).Returns(c => c.Arg<User>() with { Id = 9 });

        var created = await _service.SignupAsync("a@b.co", "hello#world1", default);

        Assert.Equal(9, created!.Id);
        Assert.NotNull(stored);
        Assert.Equal("a@b.co", stored.Email);
        Assert.DoesNotContain("hello#world1", stored.PasswordHash);
        Assert.Equal(PasswordVerificationResult.Success, _hasher.VerifyHashedPassword(stored, stored.PasswordHash!, "hello#world1"));
        Assert.Equal(_time.GetUtcNow(), stored.CreatedAt);
    }

    [Fact]
    public async Task Signup_with_a_taken_email_returns_null()
    {
        _users.TryInsertAsync(Arg.Any<User>(), Arg.Any<CancellationToken>()).Returns((User?)null);
        Assert.Null(await _service.SignupAsync("a@b.co", "hello#world1", default));
    }

    [Fact]
    public async Task Login_with_the_right_password_returns_the_user()
    {
        var user = UserWithPassword("hello#world1");
        _users.FindByEmailAsync("a@b.co", Arg.Any<CancellationToken>()).Returns(user);
        Assert.Same(user, (await _service.LoginAsync("a@b.co", "hello#world1", Client, default)).User);
    }

    [Fact]
    public async Task A_successful_login_gives_back_its_failure_slots()
    {
        _users.FindByEmailAsync("A@B.co", Arg.Any<CancellationToken>()).Returns(UserWithPassword("hello#world1"));

        Assert.NotNull((await _service.LoginAsync("A@B.co", "hello#world1", Client, default)).User);

        await _limiter.Received(1).ReleaseAsync("login:account:a@b.co", "event-login:account:a@b.co", Arg.Any<CancellationToken>());
        await _limiter.Received(1).ReleaseAsync("login:client:" + Client, "event-login:client:" + Client, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_failed_login_keeps_its_failure_slots()
    {
        _users.FindByEmailAsync("a@b.co", Arg.Any<CancellationToken>()).Returns(UserWithPassword("hello#world1"));

        Assert.Equal(LoginResult.WrongCredentials, await _service.LoginAsync("a@b.co", "wrong#pass1", Client, default));

        await _limiter.DidNotReceiveWithAnyArgs().ReleaseAsync(default!, default!, default);
    }

    [Theory]
    [InlineData("login:account:a@b.co")]
    [InlineData("login:client:" + Client)]
    public async Task When_the_account_or_the_client_has_no_failures_left_no_password_is_hashed(string spentKey)
    {
        _limiter.TryAcquireAsync(spentKey, Arg.Any<WindowLimit>(), Arg.Any<CancellationToken>()).Returns((string?)null);

        Assert.Equal(LoginResult.TooManyFailures, await Service(_countingHasher).LoginAsync("a@b.co", "hello#world1", Client, default));

        _countingHasher.DidNotReceiveWithAnyArgs().VerifyHashedPassword(default!, default!, default!);
        await _users.DidNotReceiveWithAnyArgs().FindByEmailAsync(default!, default);
    }

    [Fact]
    public async Task Login_with_a_wrong_password_or_an_unknown_email_returns_null()
    {
        _users.FindByEmailAsync("a@b.co", Arg.Any<CancellationToken>()).Returns(UserWithPassword("hello#world1"));
        Assert.Equal(LoginResult.WrongCredentials, await _service.LoginAsync("a@b.co", "hello#world2", Client, default));
        Assert.Equal(LoginResult.WrongCredentials, await _service.LoginAsync("nobody@b.co", "hello#world1", Client, default));
    }

    [Fact]
    public async Task A_user_without_a_password_cannot_log_in_by_password()
    {
        _users.FindByEmailAsync("a@b.co", Arg.Any<CancellationToken>()).Returns(new User { Id = 1, Phone = "13800138000" });
        Assert.Null((await _service.LoginAsync("a@b.co", "", Client, default)).User);
    }

    private User UserWithPassword(string password)
    {
        var user = new User { Id = 1, Email = "a@b.co" };
        return user with { PasswordHash = _hasher.HashPassword(user, password) };
    }
}
