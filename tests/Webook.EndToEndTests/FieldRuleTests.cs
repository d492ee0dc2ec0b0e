using Azure.Data.Tables;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Storage.Tables;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>Every field rule of api.md answers code 4 and writes nothing.</summary>
public sealed class FieldRuleTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = fixture.Server.CreateClient();

    public static TheoryData<string, string, string> BadSignups => new()
    {
        { "", Accounts.Password, Accounts.Password },
        { "plainaddress", Accounts.Password, Accounts.Password },
        { "two@@example.com", Accounts.Password, Accounts.Password },
        { "no-domain@", Accounts.Password, Accounts.Password },
        { "spaces in@example.com", Accounts.Password, Accounts.Password },
        { new string('a', 243) + "@example.com", Accounts.Password, Accounts.Password },
        { "ok@example.com", "short#1", "short#1" },
        { "ok@example.com", "a1#" + new string('b', 62), "a1#" + new string('b', 62) },
        { "ok@example.com", "noDigits#here", "noDigits#here" },
        { "ok@example.com", "12345678#", "12345678#" },
        { "ok@example.com", "noSymbol123", "noSymbol123" },
        { "ok@example.com", Accounts.Password, Accounts.Password + "x" },
        { "ok@example.com", "", "" },
    };

    [Theory]
    [MemberData(nameof(BadSignups))]
    public async Task A_refused_signup_answers_code_4_and_stores_nothing(string email, string password, string confirm)
    {
        var before = await CountRowsAsync();

        var response = await _client.PostApiAsync("/users/signup", new { email, password, confirmPassword = confirm });

        Assert.Equal((HttpStatusCode.OK, 4), (response.Status, response.Code));
        Assert.False(string.IsNullOrWhiteSpace(response.Msg));
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task The_longest_allowed_email_is_accepted()
    {
        var email = new string('a', 64) + "@" + new string('b', 63) + "." + new string('c', 63) + "." + new string('d', 57) + ".com";
        Assert.Equal(254, email.Length);
        Assert.Equal(0, (await Accounts.SignupAsync(_client, email)).Code);
    }

    public static TheoryData<string, string?, string> BadEdits => new()
    {
        { "", "1990-01-01", "" },
        { new string('n', 65), "1990-01-01", "" },
        { "Ada", "1990/01/01", "" },
        { "Ada", "1990-02-30", "" },
        { "Ada", "2999-01-01", "" },
        { "Ada", "yesterday", "" },
        { "Ada", "1990-01-01", new string('x', 1025) },
    };

    [Theory]
    [MemberData(nameof(BadEdits))]
    public async Task A_refused_edit_answers_code_4_and_leaves_the_profile_as_it_was(string nickname, string? birthday, string aboutMe)
    {
        var user = await Accounts.SignupAndLoginAsync(_client);
        Assert.Equal(0, (await _client.PostApiAsync("/users/edit", new { nickname = "Before", birthday = "1980-05-05", aboutMe = "before" }, user.AccessToken)).Code);

        var response = await _client.PostApiAsync("/users/edit", new { nickname, birthday, aboutMe }, user.AccessToken);

        Assert.Equal((HttpStatusCode.OK, 4), (response.Status, response.Code));
        var profile = (await _client.GetApiAsync("/users/profile", user.AccessToken)).Data;
        Assert.Equal("Before", profile.GetProperty("nickname").GetString());
        Assert.Equal("1980-05-05", profile.GetProperty("birthday").GetString());
        Assert.Equal("before", profile.GetProperty("aboutMe").GetString());
    }

    [Fact]
    public async Task Limits_count_characters_not_bytes()
    {
        var user = await Accounts.SignupAndLoginAsync(_client);
        var nickname = string.Concat(Enumerable.Repeat("写", 64));
        var response = await _client.PostApiAsync("/users/edit", new { nickname, birthday = "", aboutMe = string.Concat(Enumerable.Repeat("😀", 1024)) }, user.AccessToken);
        Assert.Equal(0, response.Code);
    }

    [Theory]
    [InlineData("/users/signup", "not json", null)]
    [InlineData("/users/signup", "[1,2]", null)]
    [InlineData("/users/signup", "{\"email\": 42, \"password\": \"x\"}", "email")]
    [InlineData("/users/login", "{\"email\": \"a@b.co\", \"password\": {}}", "password")]
    [InlineData("/users/login", "", null)]
    public async Task A_body_that_is_not_json_of_the_right_shape_is_400_with_code_4(string path, string body, string? field)
    {
        var before = await CountRowsAsync();

        var response = await _client.PostRawAsync(path, body);

        Assert.Equal((HttpStatusCode.BadRequest, 4), (response.Status, response.Code));
        if (field is not null) Assert.Contains(field, response.Msg);
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task An_edit_body_of_the_wrong_shape_is_400_naming_the_field()
    {
        var user = await Accounts.SignupAndLoginAsync(_client);
        var response = await _client.PostRawAsync("/users/edit", "{\"nickname\": [\"x\"]}", user.AccessToken);
        Assert.Equal((HttpStatusCode.BadRequest, 4), (response.Status, response.Code));
        Assert.Contains("nickname", response.Msg);
    }

    [Theory]
    [InlineData("a/b@example.com")]
    [InlineData("a\\b@example.com")]
    [InlineData("a#b@example.com")]
    [InlineData("a?b@example.com")]
    [InlineData("ada@example.com\n")]
    [InlineData("a\u0007b@example.com")]
    public async Task An_email_a_table_key_cannot_hold_is_refused_at_validation_and_writes_nothing(string email)
    {
        var before = await CountRowsAsync();

        var signup = await Accounts.SignupAsync(_client, email);
        var login = await Accounts.LoginAsync(_client, email);

        Assert.Equal((HttpStatusCode.OK, 4, "Email is not a valid address."), (signup.Status, signup.Code, signup.Msg));
        Assert.Equal((HttpStatusCode.OK, 4, "Wrong email or password."), (login.Status, login.Code, login.Msg));
        Assert.Equal(before, await CountRowsAsync());
    }

    private async Task<int> CountRowsAsync()
    {
        var tables = fixture.Server.Services.GetRequiredService<WebookTables>();
        var count = 0;
        foreach (var name in new[] { WebookTables.Users, WebookTables.UserIndex })
        {
            var table = await tables.GetAsync(name, CancellationToken.None);
            await foreach (var _ in table.QueryAsync<TableEntity>(select: ["PartitionKey"])) count++;
        }
        return count;
    }
}
