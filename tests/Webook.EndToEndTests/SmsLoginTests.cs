using System.Net;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

public sealed class SmsLoginTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = fixture.Server.CreateClient();

    [Fact]
    public async Task A_new_user_logs_in_by_sms_and_the_profile_shows_the_phone()
    {
        var phone = SmsLogin.NewPhone();
        Assert.Equal(0, (await SmsLogin.SendCodeAsync(_client, phone)).Code);
        var code = await SmsLogin.ReadCodeAsync(fixture.Server, phone);

        var login = await SmsLogin.LoginAsync(_client, "+86" + phone, code);

        Assert.Equal(0, login.Code);
        var access = login.Header("x-jwt-token");
        Assert.False(string.IsNullOrEmpty(login.Header("x-refresh-token")));
        var profile = await _client.GetApiAsync("/users/profile", access);
        Assert.Equal("+86" + phone, profile.Data.GetProperty("phone").GetString());
        Assert.Equal("", profile.Data.GetProperty("email").GetString());
    }

    [Fact]
    public async Task The_second_login_by_the_same_phone_finds_the_same_user()
    {
        var phone = SmsLogin.NewPhone();
        var first = await LoginAsync(phone);
        var second = await LoginAsync(phone);
        Assert.Equal(await UserIdAsync(first), await UserIdAsync(second));
    }

    [Fact]
    public async Task A_code_works_once()
    {
        var phone = SmsLogin.NewPhone();
        await SmsLogin.SendCodeAsync(_client, phone);
        var code = await SmsLogin.ReadCodeAsync(fixture.Server, phone);
        Assert.Equal(0, (await SmsLogin.LoginAsync(_client, phone, code)).Code);

        var again = await SmsLogin.LoginAsync(_client, phone, code);

        Assert.Equal((HttpStatusCode.OK, 4, "Wrong code."), (again.Status, again.Code, again.Msg));
    }

    [Fact]
    public async Task Three_wrong_codes_then_the_right_one_fails_with_the_same_answer()
    {
        var phone = SmsLogin.NewPhone();
        await SmsLogin.SendCodeAsync(_client, phone);
        var code = await SmsLogin.ReadCodeAsync(fixture.Server, phone);
        var wrong = code == "000000" ? "000001" : "000000";

        var answers = new List<ApiResponse>();
        for (var i = 0; i < 3; i++) answers.Add(await SmsLogin.LoginAsync(_client, phone, wrong));
        answers.Add(await SmsLogin.LoginAsync(_client, phone, code));

        Assert.All(answers, a => Assert.Equal((4, "Wrong code."), (a.Code, a.Msg)));
        Assert.All(answers, a => Assert.Null(a.Header("x-jwt-token")));
    }

    [Fact]
    public async Task A_second_send_within_the_interval_is_refused()
    {
        var phone = SmsLogin.NewPhone();
        Assert.Equal(0, (await SmsLogin.SendCodeAsync(_client, phone)).Code);
        var again = await SmsLogin.SendCodeAsync(_client, "+86" + phone);
        Assert.Equal(4, again.Code);
        Assert.Contains("wait", again.Msg);
    }

    [Theory]
    [InlineData("12800138000")]
    [InlineData("1380013800")]
    [InlineData("+8513800138000")]
    [InlineData("13800 138000")]
    [InlineData("")]
    public async Task An_invalid_phone_is_refused_before_anything_is_stored_or_sent(string phone)
    {
        var before = SmsLogin.Sent(fixture.Server).Count;

        var send = await SmsLogin.SendCodeAsync(_client, phone);
        var login = await SmsLogin.LoginAsync(_client, phone, "123456");

        Assert.Equal((HttpStatusCode.OK, 4), (send.Status, send.Code));
        Assert.Equal((HttpStatusCode.OK, 4), (login.Status, login.Code));
        Assert.Contains("mainland-China", send.Msg);
        Assert.Equal(before, SmsLogin.Sent(fixture.Server).Count);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12345a")]
    public async Task A_code_that_is_not_six_digits_is_refused(string code)
    {
        var login = await SmsLogin.LoginAsync(_client, SmsLogin.NewPhone(), code);
        Assert.Equal(4, login.Code);
    }

    private async Task<string> LoginAsync(string phone)
    {
        await SendWhenAllowedAsync(phone);
        var login = await SmsLogin.LoginAsync(_client, phone, await SmsLogin.ReadCodeAsync(fixture.Server, phone));
        Assert.Equal(0, login.Code);
        return login.Header("x-jwt-token")!;
    }

    private async Task<long> UserIdAsync(string access) =>
        (await _client.GetApiAsync("/users/profile", access)).Data.GetProperty("id").GetInt64();

    // The tests' resend interval is two seconds.
    private async Task SendWhenAllowedAsync(string phone)
    {
        for (var i = 0; i < 100; i++)
        {
            if ((await SmsLogin.SendCodeAsync(_client, phone)).Code == 0) return;
            await Task.Delay(100);
        }
        Assert.Fail("The resend interval never ended.");
    }
}
