using System.Diagnostics;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>
/// Webook.Server as its own process, started as scripts/run.sh starts it: what the in-process tests cannot
/// see (its deps.json, its appsettings, its shutdown) is checked here.
/// </summary>
public sealed class ServerProcessTests
{
    [Fact]
    public async Task The_built_server_starts_reports_every_dependency_healthy_and_stops_on_sigterm()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug";
        var dll = Path.Combine(TestEnvironment.RepositoryRoot, "functions", "Webook.Server", "bin", configuration, "net10.0", "Webook.Server.dll");
        var port = LocalService.FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { dll, $"--urls=http://127.0.0.1:{port}" }) start.ArgumentList.Add(arg);
        start.Environment["Storage__ConnectionString"] = TestEnvironment.StorageConnectionString;
        start.Environment["Redis__ConnectionString"] = TestEnvironment.RedisConnectionString;
        start.Environment["Kafka__BootstrapServers"] = TestEnvironment.KafkaBootstrapServers;
        start.Environment["Auth__AccessTokenKey"] = new string('a', 64);
        start.Environment["Auth__RefreshTokenKey"] = new string('r', 64);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        using var server = Process.Start(start)!;
        _ = server.StandardOutput.ReadToEndAsync();
        _ = server.StandardError.ReadToEndAsync();

        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var health = await WaitForHealthAsync(client);
            var checks = health.Data.GetProperty("checks");
            foreach (var name in new[] { "tables", "blobs", "redis", "kafka" })
                Assert.Equal("ok", checks.GetProperty(name).GetString());
        }
        finally
        {
            using (var term = Process.Start("kill", ["-TERM", server.Id.ToString()])) await term.WaitForExitAsync();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await server.WaitForExitAsync(grace.Token);
        }
        Assert.Equal(0, server.ExitCode);
    }

    private static async Task<ApiResponse> WaitForHealthAsync(HttpClient client)
    {
        for (var i = 0; i < 300; i++)
        {
            try
            {
                return await client.GetApiAsync("/healthz");
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("Webook.Server did not answer /healthz");
    }
}
