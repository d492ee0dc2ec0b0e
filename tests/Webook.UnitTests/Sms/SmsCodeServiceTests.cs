using Microsoft.Extensions.Options;
using NSubstitute;
using Webook.Core.Sms;

namespace Webook.UnitTests.Sms;

public sealed class SmsCodeServiceTests
{
    private readonly ISmsCodeStore _codes = Substitute.For<ISmsCodeStore>();
    private readonly ISmsSender _sender = Substitute.For<ISmsSender>();
    private SmsCodeService Service => new(_codes, _sender, Options.Create(new SmsCodeOptions { MessageTemplate = "code {0}" }));

    [Fact]
    public async Task A_stored_six_digit_code_is_the_one_sent()
    {
        string? stored = null;
        _codes.TryStoreAsync("login", "+8613800138000", Arg.Do<string>(c => stored = c), Arg.Any<CancellationToken>()).Returns(true);

        Assert.Equal(SendCodeResult.Sent, await Service.SendAsync("login", "+8613800138000", default));

        Assert.Matches("^[0-9]{6}$", stored);
        await _sender.Received(1).SendAsync(new SmsMessage("+8613800138000", "code " + stored), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_code_refused_by_the_store_is_not_sent()
    {
        _codes.TryStoreAsync(default!, default!, default!, default).ReturnsForAnyArgs(false);
        Assert.Equal(SendCodeResult.TooFrequent, await Service.SendAsync("login", "+8613800138000", default));
        await _sender.DidNotReceiveWithAnyArgs().SendAsync(default!, default);
    }

    [Theory]
    [InlineData("13800138000", "+8613800138000")]
    [InlineData("+8619912345678", "+8619912345678")]
    [InlineData("12800138000", null)]
    [InlineData("1380013800", null)]
    [InlineData("138001380001", null)]
    [InlineData("+8513800138000", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Phones_follow_the_mainland_mobile_rule(string? phone, string? normalized) =>
        Assert.Equal(normalized, PhoneNumbers.Normalize(phone));
}
