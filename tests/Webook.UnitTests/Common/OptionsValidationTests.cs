using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NSubstitute;
using Webook.Core;
using Webook.Core.Common;
using Webook.Core.Http;
using Webook.UnitTests.Deployment;

namespace Webook.UnitTests.Common;

/// <summary>Every options class is bound with its data annotations checked at start, and the sample's values pass them.</summary>
public sealed class OptionsValidationTests
{
    /// <summary>Every class with a Section constant, as SampleSettingsTests finds them; CorsSettings is read once while registering, not as options.</summary>
    private static readonly Type[] OptionsTypes = typeof(WebookServiceCollectionExtensions).Assembly.GetTypes()
        .Where(t => t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } && t != typeof(CorsSettings))
        .ToArray();

    [Fact]
    public void The_samples_values_pass_every_options_class_and_each_is_checked_by_its_annotations()
    {
        using var provider = Build();

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.NotEmpty(OptionsTypes);
        foreach (var type in OptionsTypes)
        {
            var options = provider.GetRequiredService(typeof(IOptions<>).MakeGenericType(type));
            Assert.NotNull(options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options));
            var validators = provider.GetServices(typeof(IValidateOptions<>).MakeGenericType(type));
            Assert.True(validators.Any(v => v!.GetType() == typeof(SettingsValidator<>).MakeGenericType(type)),
                $"{type.Name} is not bound with ValidateSettings: its data annotations are never checked.");
        }
    }

    [Theory]
    [InlineData("Sms:Codes:MaxAttempts", "0")]
    [InlineData("Sms:Codes:Lifetime", "00:00:00")]
    [InlineData("Sms:Codes:MessageTemplate", "Your webook code expires in {1} minutes.")]
    [InlineData("Sms:Codes:MessageTemplate", "Your webook code is {0}{2}.")]
    [InlineData("Sms:SendLimits:GlobalLimit", "0")]
    [InlineData("Sms:Health:FailureRatio", "0")]
    [InlineData("Sms:Health:MinimumThroughput", "1")]
    [InlineData("Sms:Retry:BatchSize", "0")]
    [InlineData("Sms:RateLimit:Window", "00:00:00")]
    [InlineData("Sms:Acs:MaxRetries", "-1")]
    [InlineData("Accounts:LoginLimits:PerClientLimit", "0")]
    [InlineData("Storage:NetworkTimeout", "-00:00:01")]
    [InlineData("HotList:LeaseDuration", "00:00:00")]
    [InlineData("Http:RequestTimeout", "00:00:00")]
    [InlineData("Http:MaxRequestBodyBytes", "0")]
    public void A_bad_value_stops_the_start_naming_its_setting(string setting, string value)
    {
        using var provider = Build((setting, value));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.StartsWith(setting + ": ", Assert.Single(error.Failures));
        Assert.Contains(setting + ": ", StartupFailure.Describe(error));
    }

    /// <summary>The sample's values as the hosts read them (Sms__Codes__Lifetime is Sms:Codes:Lifetime), with the two secrets it leaves empty.</summary>
    private static ServiceProvider Build(params (string Key, string Value)[] overrides)
    {
        var values = Repository.SampleSettings().ToDictionary(s => s.Key.Replace("__", ":"), s => (string?)s.Value);
        values["Auth:AccessTokenKey"] = new string('a', 32);
        values["Auth:RefreshTokenKey"] = new string('r', 32);
        foreach (var (key, value) in overrides) values[key] = value;

        var environment = Substitute.For<IHostEnvironment>();
        environment.EnvironmentName.Returns(Environments.Development);
        var services = new ServiceCollection();
        services.AddSingleton(environment);
        services.AddLogging();
        services.AddWebookCore(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        return services.BuildServiceProvider();
    }
}
