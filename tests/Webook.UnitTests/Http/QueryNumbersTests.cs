using Microsoft.AspNetCore.Http;
using Webook.Core.Http;

namespace Webook.UnitTests.Http;

public sealed class QueryNumbersTests
{
    [Theory]
    [InlineData("?offset=0&limit=1", 0, 1)]
    [InlineData("?offset=250&limit=100", 250, 100)]
    [InlineData("?limit=7&offset=3", 3, 7)]
    public void A_page_within_the_rules_is_read(string query, int offset, int limit)
    {
        Assert.Null(QueryNumbers.ReadPage(Request(query), out var o, out var l));
        Assert.Equal((offset, limit), (o, l));
    }

    [Theory]
    [InlineData("", "Offset must be 0 or more.")]
    [InlineData("?offset=0", "Limit must be 1 to 100.")]
    [InlineData("?offset=-1&limit=5", "Offset must be 0 or more.")]
    [InlineData("?offset=0&limit=0", "Limit must be 1 to 100.")]
    [InlineData("?offset=0&limit=101", "Limit must be 1 to 100.")]
    [InlineData("?offset=99999999999&limit=5", "Offset must be 0 or more.")]
    [InlineData("?offset=1e3&limit=5", "The query parameter offset must be one whole number.")]
    [InlineData("?offset=0&limit=5&limit=6", "The query parameter limit must be one whole number.")]
    [InlineData("?offset=0&limit=", "The query parameter limit must be one whole number.")]
    [InlineData("?offset=0&limit=99999999999999999999", "The query parameter limit must be one whole number.")]
    public void A_page_against_the_rules_is_named(string query, string problem) =>
        Assert.Equal(problem, QueryNumbers.ReadPage(Request(query), out _, out _));

    [Fact]
    public void An_absent_number_is_no_problem_and_no_value()
    {
        Assert.Null(QueryNumbers.Read(Request("?other=1"), "id", out var value));
        Assert.Null(value);
        Assert.Null(QueryNumbers.Read(Request("?id=-42"), "id", out value));
        Assert.Equal(-42, value);
    }

    private static HttpRequest Request(string query) => new DefaultHttpContext { Request = { QueryString = new QueryString(query) } }.Request;
}
