using System.Reflection;
using System.Text.Json;
using Webook.Core.Http;
using Webook.UnitTests.Deployment;

namespace Webook.UnitTests;

/// <summary>local.settings.sample.json lists every setting the app reads.</summary>
public sealed class SampleSettingsTests
{
    [Fact]
    public void Every_option_of_every_options_class_is_in_the_sample()
    {
        var values = SampleValues();
        var optionTypes = typeof(ApiResults).Assembly.GetTypes()
            .Where(t => t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
            .ToList();
        Assert.NotEmpty(optionTypes);

        var missing =
            from type in optionTypes
            let section = (string)type.GetField("Section")!.GetRawConstantValue()!
            from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            where property.CanWrite
            let key = $"{section.Replace(":", "__")}__{property.Name}"
            where !values.Any(v => v == key || v.StartsWith(key + "__", StringComparison.Ordinal))
            select key;

        Assert.Empty(missing);
    }

    private static List<string> SampleValues()
    {
        var path = Path.Combine(Repository.Root, "local.settings.sample.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return json.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToList();
    }
}
