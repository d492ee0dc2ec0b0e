using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Webook.Core.Common;

namespace Webook.UnitTests.Common;

public sealed class StartupFailureTests
{
    private sealed class Sample
    {
        [Required, MinLength(4)]
        public string Key { get; set; } = "";

        [Range(1, 10)]
        public int Count { get; set; } = 5;
    }

    [Fact]
    public void Every_failed_setting_is_named_as_configuration_spells_it()
    {
        var services = new ServiceCollection();
        services.AddOptions<Sample>().Configure(s => s.Count = 11).ValidateSettings("Things");

        var error = Assert.Throws<OptionsValidationException>(() => services.BuildServiceProvider().GetRequiredService<IOptions<Sample>>().Value);

        Assert.Equal(
            "webook cannot start: Things:Key: The Key field is required. Things:Count: The field Count must be between 1 and 10.",
            StartupFailure.Describe(error));
    }

    [Fact]
    public void Failures_inside_an_aggregate_and_a_missing_setting_are_one_line()
    {
        var error = new AggregateException(
            new OptionsValidationException("", typeof(Sample), ["Things:Key: required."]),
            new MissingSettingException("Storage:TableServiceUri", "needed."));

        Assert.Equal("webook cannot start: Things:Key: required. Storage:TableServiceUri: needed.", StartupFailure.Describe(error));
    }

    [Fact]
    public async Task Any_other_failure_is_not_a_configuration_problem_and_is_left_to_the_host()
    {
        Assert.Null(StartupFailure.Describe(new InvalidOperationException("a bug")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => StartupFailure.RunAsync(() => throw new InvalidOperationException("a bug")));
    }

    [Fact]
    public async Task A_configuration_failure_writes_one_line_and_exits_1()
    {
        var error = new StringWriter();

        var code = await StartupFailure.RunAsync(() => throw new MissingSettingException("Redis:ConnectionString", "required."), error);

        Assert.Equal(1, code);
        Assert.Equal("webook cannot start: Redis:ConnectionString: required." + Environment.NewLine, error.ToString());
    }
}
