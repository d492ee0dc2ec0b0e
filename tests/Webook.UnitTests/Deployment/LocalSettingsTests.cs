using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.Json;

namespace Webook.UnitTests.Deployment;

/// <summary>
/// The local.settings.json that scripts/run.sh --functions writes with scripts/functions-settings.mjs: every setting
/// of local.settings.sample.json in the sample's order, the local stack's values where it decides them and the
/// sample's everywhere else, readable by its owner only. Runs the script with node, as run.sh does.
/// </summary>
public sealed class LocalSettingsTests : IDisposable
{
    private const string Script = "scripts/functions-settings.mjs";

    private static readonly Dictionary<string, string> StackValues = new()
    {
        ["Storage__ConnectionString"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;BlobEndpoint=http://127.0.0.1:20000/devstoreaccount1",
        ["Redis__ConnectionString"] = "127.0.0.1:20379",
        ["Kafka__BootstrapServers"] = "127.0.0.1:40123",
        ["Auth__AccessTokenKey"] = "access-" + new string('a', 40),
        ["Auth__RefreshTokenKey"] = "refresh-" + new string('r', 40),
        ["ReadEvents__TopicRefreshInterval"] = "00:00:02",
        ["WeChat__AppId"] = "wxlocaldevelopment",
        ["WeChat__AppSecret"] = new string('s', 64),
        ["WeChat__StateKey"] = new string('k', 64),
        ["WeChat__ApiBaseUrl"] = "http://127.0.0.1:8081/",
        ["WeChat__QrConnectUrl"] = "http://localhost:8081/connect/qrconnect",
        ["WeChat__RedirectUri"] = "http://localhost:7071/oauth2/wechat/callback",
        ["WeChatPay__MchId"] = "1900000001",
        ["WeChatPay__AppId"] = "wxlocaldevelopment",
        ["WeChatPay__MerchantSerialNo"] = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
        // Multi-line, as the PEM files are (not keys: nothing here needs to parse).
        ["WeChatPay__MerchantPrivateKey"] = "merchant private key, line 1\nline 2\nline 3",
        ["WeChatPay__PlatformPublicKey"] = "platform public key, line 1\nline 2",
        ["WeChatPay__PlatformSerialNo"] = "PUB_KEY_ID_0123456789ABCDEF",
        ["WeChatPay__ApiV3Key"] = new string('v', 32),
        ["WeChatPay__NotifyUrl"] = "http://127.0.0.1:7071/pay/wechat/notify",
        ["WeChatPay__ApiBaseUrl"] = "http://127.0.0.1:8082/",
    };

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("webook-local-settings-");

    private string Target => Path.Combine(_directory.FullName, "local.settings.json");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void The_file_holds_every_setting_of_the_sample_in_its_order_with_the_local_stacks_values_and_the_samples_for_the_rest()
    {
        var run = Generate(StackValues);

        Assert.True(run.ExitCode == 0, run.Error);
        var expected = Repository.SampleSettings().Select(s => KeyValuePair.Create(s.Key, s.Key switch
        {
            "AzureWebJobsStorage" => StackValues["Storage__ConnectionString"],
            _ => StackValues.GetValueOrDefault(s.Key, s.Value),
        }));
        Assert.Equal(expected, WrittenValues());
    }

    [Fact]
    public void Everything_beside_the_values_is_the_samples()
    {
        Assert.Equal(0, Generate(StackValues).ExitCode);

        using var sample = JsonDocument.Parse(Repository.Read("local.settings.sample.json"));
        using var written = JsonDocument.Parse(File.ReadAllText(Target));
        Assert.Equal(sample.RootElement.EnumerateObject().Select(p => p.Name), written.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.All(sample.RootElement.EnumerateObject().Where(p => p.Name != "Values"),
            p => Assert.True(JsonElement.DeepEquals(p.Value, written.RootElement.GetProperty(p.Name)), p.Name));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")] // the scripts run on Linux only, as run.sh does
    public void The_file_is_readable_by_its_owner_only_even_when_it_was_not_before()
    {
        File.WriteAllText(Target, "{}");
        File.SetUnixFileMode(Target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        Assert.Equal(0, Generate(StackValues).ExitCode);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Target));
        Assert.Equal(["local.settings.json"], _directory.EnumerateFiles().Select(f => f.Name));
    }

    [Fact]
    public void It_prints_one_line_naming_the_file_and_never_a_key()
    {
        var run = Generate(StackValues);

        var line = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(Target, line, StringComparison.Ordinal);
        Assert.DoesNotContain(StackValues["Auth__AccessTokenKey"], line, StringComparison.Ordinal);
        Assert.DoesNotContain(StackValues["Auth__RefreshTokenKey"], line, StringComparison.Ordinal);
        Assert.DoesNotContain(StackValues["WeChatPay__MerchantPrivateKey"], line, StringComparison.Ordinal);
        Assert.DoesNotContain(StackValues["WeChatPay__ApiV3Key"], line, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
    }

    [Theory]
    [InlineData("Auth__RefreshTokenKey")]
    [InlineData("Kafka__BootstrapServers")]
    [InlineData("Storage__ConnectionString")]
    [InlineData("WeChatPay__PlatformPublicKey")]
    public void A_missing_input_fails_with_a_one_line_message_naming_it_and_writes_nothing(string missing)
    {
        var run = Generate(StackValues.Where(v => v.Key != missing).ToDictionary());

        Assert.NotEqual(0, run.ExitCode);
        var message = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(missing + " is not set", message, StringComparison.Ordinal);
        Assert.False(File.Exists(Target));
    }

    [Fact]
    public void An_empty_input_counts_as_missing()
    {
        var run = Generate(new Dictionary<string, string>(StackValues) { ["Auth__AccessTokenKey"] = "" });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Auth__AccessTokenKey is not set", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_sh_with_functions_and_no_func_on_path_says_what_is_missing_and_fails_before_starting_anything()
    {
        // A PATH holding only dirname (run.sh's first command), so it lacks func wherever the test runs and the run
        // stops at the check, before anything is installed or started.
        var bin = _directory.CreateSubdirectory("bin").FullName;
        File.CreateSymbolicLink(Path.Combine(bin, "dirname"), OnPath("dirname"));

        var run = Run(OnPath("bash"), [Path.Combine(Repository.Root, "scripts", "run.sh"), "--functions"], new() { ["PATH"] = bin });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("func, is not on PATH", run.Error, StringComparison.Ordinal);
        Assert.Contains("azure-functions-core-tools", run.Error, StringComparison.Ordinal);
        Assert.Contains("scripts/run.sh without --functions serves the same API through Webook.Server", run.Error, StringComparison.Ordinal);
    }

    private IReadOnlyList<KeyValuePair<string, string>> WrittenValues()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Target));
        return json.RootElement.GetProperty("Values").EnumerateObject()
            .Select(p => KeyValuePair.Create(p.Name, p.Value.GetString() ?? "")).ToList();
    }

    private (int ExitCode, string Output, string Error) Generate(Dictionary<string, string> inputs)
    {
        // The test's own environment must not supply an input the case leaves out.
        var environment = StackValues.Keys.Append("AzureWebJobsStorage").ToDictionary(k => k, _ => (string?)null);
        foreach (var (key, value) in inputs) environment[key] = value;
        return Run(OnPath("node"), [Path.Combine(Repository.Root, Script), Target], environment);
    }

    private static (int ExitCode, string Output, string Error) Run(string file, string[] arguments, Dictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        foreach (var (key, value) in environment)
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }

    private static string OnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, command)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{command} is not on PATH; the local-settings tests run it");
}
