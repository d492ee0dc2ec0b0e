using System.Diagnostics;
using System.Text.Json;

namespace Webook.UnitTests.Deployment;

/// <summary>
/// The ARM template `bicep build` makes of infra/main.bicep, built once per test run with the CLI that
/// WEBOOK_BICEP names (scripts/test.sh restores it and sets it).
/// </summary>
internal static class CompiledInfra
{
    private static readonly Lazy<JsonElement> Template = new(Build);

    public static JsonElement Main => Template.Value;

    /// <summary>The template of one module of main.bicep, by its symbolic name.</summary>
    public static JsonElement Module(string name) =>
        Main.GetProperty("resources").GetProperty(name).GetProperty("properties").GetProperty("template");

    /// <summary>What main.bicep passes a module's parameter: the expression or literal, as compiled.</summary>
    public static JsonElement ModuleParameter(string module, string parameter) =>
        Main.GetProperty("resources").GetProperty(module).GetProperty("properties").GetProperty("parameters")
            .GetProperty(parameter).GetProperty("value");

    private static JsonElement Build()
    {
        var bicep = Environment.GetEnvironmentVariable("WEBOOK_BICEP");
        Assert.False(string.IsNullOrEmpty(bicep), "WEBOOK_BICEP names the Bicep CLI; scripts/test.sh restores it and sets it");
        using var build = Process.Start(new ProcessStartInfo(bicep, ["build", Path.Combine(Repository.Root, "infra", "main.bicep"), "--stdout"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var template = build.StandardOutput.ReadToEndAsync();
        var errors = build.StandardError.ReadToEnd();
        build.WaitForExit();
        Assert.True(build.ExitCode == 0, errors);
        return JsonDocument.Parse(template.Result).RootElement.Clone();
    }
}
