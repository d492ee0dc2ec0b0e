using Webook.Core.Accounts;

namespace Webook.UnitTests.Accounts;

public sealed class AccountFieldRulesTests
{
    [Theory]
    [InlineData("a@b.co")]
    [InlineData("first.last+tag@mail.example.com")]
    [InlineData("UPPER@EXAMPLE.COM")]
    public void Plain_addresses_are_valid(string email) => Assert.Null(AccountFieldRules.CheckEmail(email));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a@b")]
    [InlineData("a@-b.com")]
    [InlineData("a b@c.com")]
    [InlineData("\"quoted\"@c.com")]
    [InlineData("a@b..com")]
    [InlineData("ada@example.com\n")]
    [InlineData("a/b@example.com")]
    [InlineData("a\\b@example.com")]
    [InlineData("a#b@example.com")]
    [InlineData("a?b@example.com")]
    [InlineData("a\u0001b@example.com")]
    [InlineData("ada@exam\tple.com")]
    public void Other_emails_are_refused(string? email) => Assert.NotNull(AccountFieldRules.CheckEmail(email));

    [Theory]
    [InlineData("hello#world1")]
    [InlineData("Aa1$aaaa")]
    public void Passwords_with_a_letter_digit_and_symbol_are_valid(string password) =>
        Assert.Null(AccountFieldRules.CheckPassword(password));

    [Theory]
    [InlineData("Aa1$aaa")]
    [InlineData("abcdefg#")]
    [InlineData("1234567#")]
    [InlineData("abcdefg1")]
    [InlineData("abcdefg1^")]
    public void Weak_passwords_are_refused(string password) => Assert.NotNull(AccountFieldRules.CheckPassword(password));

    [Fact]
    public void Passwords_are_at_most_64_characters()
    {
        Assert.Null(AccountFieldRules.CheckPassword("a1#" + new string('x', 61)));
        Assert.NotNull(AccountFieldRules.CheckPassword("a1#" + new string('x', 62)));
    }

    [Fact]
    public void A_birthday_may_be_today_but_not_tomorrow()
    {
        var today = new DateOnly(2026, 6, 1);
        Assert.Null(AccountFieldRules.CheckBirthday("2026-06-01", today, out var parsed));
        Assert.Equal(today, parsed);
        Assert.NotNull(AccountFieldRules.CheckBirthday("2026-06-02", today, out _));
    }

    [Fact]
    public void An_empty_birthday_clears_it()
    {
        Assert.Null(AccountFieldRules.CheckBirthday("", new DateOnly(2026, 6, 1), out var parsed));
        Assert.Null(parsed);
    }
}
