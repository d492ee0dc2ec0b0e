using System.Text.Json;
using Webook.TestSupport;

namespace Webook.UnitTests.Deployment;

/// <summary>Files of the repository these tests read: the settings sample, the README, the Function App's sources.</summary>
internal static class Repository
{
    public static readonly string Root = RepositoryDirectory.Find();

    public static string Read(params string[] path) => File.ReadAllText(Path.Combine([Root, .. path]));

    /// <summary>The sample's Values, in file order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> SampleSettings()
    {
        using var json = JsonDocument.Parse(Read("local.settings.sample.json"));
        return json.RootElement.GetProperty("Values").EnumerateObject()
            .Select(p => KeyValuePair.Create(p.Name, p.Value.GetString() ?? "")).ToList();
    }
}
