using Webook.Core.Common;

namespace Webook.UnitTests.Common;

public sealed class RateLimitMetricsTests
{
    [Theory]
    [InlineData("login:account:ada@example.com", "login:account")]
    [InlineData("login:client:2001:db8::1", "login:client")]
    [InlineData("sms:client:::1", "sms:client")]
    [InlineData("sms:budget", "sms:budget")]
    [InlineData("sms:failover", "sms:failover")]
    [InlineData("plain", "plain")]
    public void A_refusal_names_the_limit_never_its_subject(string key, string limit) =>
        Assert.Equal(limit, RateLimitMetrics.LimitOf(key));

    [Fact]
    public void A_refusal_is_counted_under_its_limit()
    {
        var meters = TestMeters.NewFactory();
        using var refusals = TestMeters.Collect<long>(meters, RateLimitMetrics.MeterName, "webook.rate_limit.refusals");

        new RateLimitMetrics(meters).Refused("login:account:ada@example.com");

        Assert.Equal(["1 limit=login:account"], TestMeters.Describe(refusals));
    }
}
