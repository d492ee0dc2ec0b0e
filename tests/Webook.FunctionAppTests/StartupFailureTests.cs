using System.Diagnostics;
using Webook.TestSupport;

namespace Webook.FunctionAppTests;

/// <summary>Both hosts, started as processes with a setting they cannot work without, stop at once with one line naming it.</summary>
public sealed class StartupFailureTests
{
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var host in new[] { "Webook.Server", "Webook.Functions" })
        {
            data.Add(host, "Auth__AccessTokenKey", "Auth:AccessTokenKey");
            data.Add(host, "Redis__ConnectionString", "Redis:ConnectionString");
            data.Add(host, "Storage__ConnectionString", "Storage:TableServiceUri");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_missing_setting_stops_startup_with_one_line_naming_it(string host, string emptied, string named)
    {
        var settings = new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = TestEnvironment.StorageConnectionString,
            ["Redis__ConnectionString"] = TestEnvironment.RedisConnectionString,
            ["Auth__AccessTokenKey"] = new string('a', 64),
            ["Auth__RefreshTokenKey"] = new string('r', 64),
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
            [emptied] = "",
        };

        var (exitCode, error) = await RunAsync(host, settings);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("webook cannot start: ", line);
        Assert.Contains(named, line);
    }

    private static async Task<(int ExitCode, string Error)> RunAsync(string host, Dictionary<string, string> settings)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug";
        var dll = Path.Combine(TestEnvironment.RepositoryRoot, "functions", host, "bin", configuration, "net10.0", host + ".dll");
        // The Functions host starts its worker with the address of its gRPC endpoint; nothing listens there, and the
        // worker must stop on its configuration before it would use it.
        string[] args = host == "Webook.Functions"
            ? [dll, "--functions-uri", "http://127.0.0.1:9/", "--functions-worker-id", "w", "--functions-request-id", "r", "--functions-grpc-max-message-length", "2147483647"]
            : [dll, "--urls=http://127.0.0.1:0"];
        var start = new ProcessStartInfo("dotnet", args)
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var (key, value) in settings) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{host} kept running without {string.Join(", ", settings.Where(s => s.Value == "").Select(s => s.Key))}");
        }
        return (process.ExitCode, await error);
    }
}
