using System.Text.RegularExpressions;

namespace Webook.UnitTests.Deployment;

/// <summary>The README's configuration table names every setting of local.settings.sample.json, and nothing else.</summary>
public sealed class ReadmeSettingsTests
{
    [Fact]
    public void The_readme_table_and_the_sample_hold_the_same_settings()
    {
        // "Sms__Providers__0" is the array "Sms:Providers"; the table names sections with ':'.
        var sample = Repository.SampleSettings().Select(s => Regex.Replace(s.Key, @"__\d+$", "").Replace("__", ":")).ToHashSet();
        var readme = Repository.Read("README.md");
        var section = Regex.Match(readme, @"^## Configuration\n(.*?)(^## |\z)", RegexOptions.Multiline | RegexOptions.Singleline).Groups[1].Value;
        var rows = Regex.Matches(section, @"^\| `([^`]+)`", RegexOptions.Multiline).Select(m => m.Groups[1].Value)
            .Where(key => key != "WEBOOK_PORT") // Webook.Server's port, not an app setting of the Function App
            .ToHashSet();

        Assert.Empty(sample.Except(rows));
        Assert.Empty(rows.Except(sample));
    }
}
