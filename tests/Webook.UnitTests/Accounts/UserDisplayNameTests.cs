using Webook.Core.Accounts;

namespace Webook.UnitTests.Accounts;

public sealed class UserDisplayNameTests
{
    [Theory]
    [InlineData("Ada", "ada@example.com", "13800138000", "Ada")]
    [InlineData("", "ada@example.com", "13800138000", "a***@example.com")]
    [InlineData("", null, "13800138000", "138****8000")]
    [InlineData("", null, "12345", "****45")]
    [InlineData("", "@example.com", null, "***")]
    [InlineData("", null, null, "")]
    public void A_list_shows_the_nickname_else_a_masked_email_else_a_masked_phone(string nickname, string? email, string? phone, string shown) =>
        Assert.Equal(shown, UserDisplayName.Of(new User { Nickname = nickname, Email = email, Phone = phone }));

    [Fact]
    public void An_unknown_user_has_no_name() => Assert.Equal("", UserDisplayName.Of(null));
}
