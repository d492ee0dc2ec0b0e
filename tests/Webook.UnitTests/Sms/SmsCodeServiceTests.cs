using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using Webook.Core.Common;
using Webook.Core.Sms;

namespace Webook.UnitTests.Sms;

public sealed class SmsCodeServiceTests
{
    private const string Phone = "+8613800138000";
    private const string Client = "203.0.113.7";
    private readonly ISmsCodeStore _codes = Substitute.For<ISmsCodeStore>();
    private readonly ISmsSender _sender = Substitute.For<ISmsSender>();
    private readonly ISlidingWindowLimiter _limiter = Substitute.For<ISlidingWindowLimiter>();

    public SmsCodeServiceTests()
    {
        _limiter.TryAcquireAsync(default!, default!, default).ReturnsForAnyArgs("event");
        _codes.TryStoreAsync(default!, default!, default!, default).ReturnsForAnyArgs(true);
    }

    private SmsCodeService Service => new(_codes, _sender, _limiter,
        Options.Create(new SmsCodeOptions { MessageTemplate = "code {0}" }), Options.Create(new SmsSendLimitOptions()),
        NullLogger<SmsCodeService>.Instance);

    [Fact]
    public async Task A_stored_six_digit_code_is_the_one_sent()
    {
        string? stored = null;
        _codes.TryStoreAsync("login", Phone, Arg.Do<string>(c => stored = c), Arg.Any<CancellationToken>()).Returns(true);

        Assert.Equal(SendCodeResult.Sent, await Service.SendAsync("login", Phone, Client, default));

        Assert.Matches("^[0-9]{6}$", stored);
        await _sender.Received(1).SendAsync(new SmsMessage(Phone, "code " + stored), Arg.Any<CancellationToken>());
        await _limiter.Received(1).TryAcquireAsync("sms:client:" + Client, Arg.Any<WindowLimit>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_code_refused_by_the_store_is_not_sent()
    {
        _codes.TryStoreAsync(default!, default!, default!, default).ReturnsForAnyArgs(false);
        Assert.Equal(SendCodeResult.TooFrequent, await Service.SendAsync("login", Phone, Client, default));
        await _sender.DidNotReceiveWithAnyArgs().SendAsync(default!, default);
    }

    [Fact]
    public async Task A_client_over_its_limit_gets_no_code_stored_or_sent()
    {
        _limiter.TryAcquireAsync("sms:client:" + Client, Arg.Any<WindowLimit>(), Arg.Any<CancellationToken>()).Returns((string?)null);

        Assert.Equal(SendCodeResult.TooMany, await Service.SendAsync("login", Phone, Client, default));

        await _codes.DidNotReceiveWithAnyArgs().TryStoreAsync(default!, default!, default!, default);
        await _sender.DidNotReceiveWithAnyArgs().SendAsync(default!, default);
    }

    [Fact]
    public async Task When_the_global_budget_is_spent_the_stored_code_is_released_unsent()
    {
        _limiter.TryAcquireAsync("sms:budget", Arg.Any<WindowLimit>(), Arg.Any<CancellationToken>()).Returns((string?)null);

        Assert.Equal(SendCodeResult.TooMany, await Service.SendAsync("login", Phone, Client, default));

        await _codes.Received(1).ReleaseAsync("login", Phone, Arg.Any<string>(), Arg.Any<CancellationToken>());
        await _sender.DidNotReceiveWithAnyArgs().SendAsync(default!, default);
    }

    [Fact]
    public async Task A_send_that_fails_releases_the_code_and_the_budget_and_fails()
    {
        string? stored = null;
        _codes.TryStoreAsync("login", Phone, Arg.Do<string>(c => stored = c), Arg.Any<CancellationToken>()).Returns(true);
        _limiter.TryAcquireAsync("sms:budget", Arg.Any<WindowLimit>(), Arg.Any<CancellationToken>()).Returns("budget-event");
        _sender.SendAsync(default!, default).ThrowsAsyncForAnyArgs(new InvalidOperationException("outbox unavailable"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Service.SendAsync("login", Phone, Client, default));

        await _codes.Received(1).ReleaseAsync("login", Phone, stored!, Arg.Any<CancellationToken>());
        await _limiter.Received(1).ReleaseAsync("sms:budget", "budget-event", Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task The_default_text_states_the_configured_lifetime_in_minutes()
    {
        string? stored = null;
        _codes.TryStoreAsync("login", Phone, Arg.Do<string>(c => stored = c), Arg.Any<CancellationToken>()).Returns(true);
        var service = new SmsCodeService(_codes, _sender, _limiter, Options.Create(new SmsCodeOptions { Lifetime = TimeSpan.FromMinutes(5) }),
            Options.Create(new SmsSendLimitOptions()), NullLogger<SmsCodeService>.Instance);

        await service.SendAsync("login", Phone, Client, default);

        await _sender.Received(1).SendAsync(new SmsMessage(Phone, $"Your webook code is {stored}. It expires in 5 minutes."), Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData("Your webook code is {0}. It expires in {1} minutes.", "00:10:00", "Your webook code is 123456. It expires in 10 minutes.")]
    [InlineData("{0} ({1} min)", "00:01:30", "123456 (1.5 min)")]
    [InlineData("code {0}", "00:10:00", "code 123456")]
    public void The_template_takes_the_code_and_the_lifetime_in_minutes(string template, string lifetime, string text) =>
        Assert.Equal(text, new SmsCodeOptions { MessageTemplate = template, Lifetime = TimeSpan.Parse(lifetime, CultureInfo.InvariantCulture) }
            .MessageFor("123456"));

    [Theory]
    [InlineData("13800138000", "+8613800138000")]
    [InlineData("+8619912345678", "+8619912345678")]
    [InlineData("12800138000", null)]
    [InlineData("1380013800", null)]
    [InlineData("138001380001", null)]
    [InlineData("+8513800138000", null)]
    [InlineData("13800138000\n", null)]
    [InlineData(" 13800138000", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Phones_follow_the_mainland_mobile_rule(string? phone, string? normalized) =>
        Assert.Equal(normalized, PhoneNumbers.Normalize(phone));
}
