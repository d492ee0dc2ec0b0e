using System.Text.Json;

namespace Webook.UnitTests.Deployment;

/// <summary>Files of the repository these tests read: the settings sample, the README, the Function App's sources.</summary>
internal static class Repository
{
    public static readonly string Root = FindRoot();

    public static string Read(params string[] path) => File.ReadAllText(Path.Combine([Root, .. path]));

    /// <summary>The sample's Values, in file order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> SampleSettings()
    {
        using var json = JsonDocument.Parse(Read("local.settings.sample.json"));
        return json.RootElement.GetProperty("Values").EnumerateObject()
            .Select(p => KeyValuePair.Create(p.Name, p.Value.GetString() ?? "")).ToList();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "local.settings.sample.json"))) return dir.FullName;
        throw new InvalidOperationException("local.settings.sample.json not found above the test binaries");
    }
}
