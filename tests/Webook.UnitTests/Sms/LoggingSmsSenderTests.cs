using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using Webook.Core.Sms;
using Webook.Core.Sms.Providers;

namespace Webook.UnitTests.Sms;

public sealed class LoggingSmsSenderTests
{
    private static IHostEnvironment Environment(string name)
    {
        var environment = Substitute.For<IHostEnvironment>();
        environment.EnvironmentName.Returns(name);
        return environment;
    }

    [Fact]
    public void The_logging_provider_refuses_to_exist_in_production()
    {
        Assert.Throws<InvalidOperationException>(() => new LoggingSmsSender(NullLogger<LoggingSmsSender>.Instance, Environment("Production")));
        Assert.Equal("logging", new LoggingSmsSender(NullLogger<LoggingSmsSender>.Instance, Environment("Development")).Name);
    }

    [Theory]
    [InlineData("Production", new string[0], false)]
    [InlineData("Production", new[] { "acs" }, true)]
    [InlineData("Development", new string[0], true)]
    [InlineData("Development", new[] { "carrier-pigeon" }, false)]
    [InlineData("Development", new[] { "acs" }, false)]
    public void Provider_settings_are_checked_at_startup(string environment, string[] providers, bool valid)
    {
        var settings = providers.Select((p, i) => new KeyValuePair<string, string?>($"Sms:Providers:{i}", p)).ToList();
        if (environment == "Production" && valid)
        {
            settings.Add(new("Sms:Acs:ConnectionString", "endpoint=https://x.communication.azure.com/;accesskey=AAAA"));
            settings.Add(new("Sms:Acs:From", "+18005550100"));
        }
        var services = new ServiceCollection();
        services.AddSingleton(Environment(environment));
        services.AddSms(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var provider = services.BuildServiceProvider();

        var read = () => provider.GetRequiredService<IOptions<SmsOptions>>().Value;

        if (valid) read();
        else Assert.Throws<OptionsValidationException>(read);
    }
}
