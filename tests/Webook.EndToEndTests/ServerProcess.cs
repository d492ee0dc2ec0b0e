using System.Diagnostics;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>
/// A Webook.Server in a process of its own (the build's Webook.Server.dll), for tests that kill it: its settings as
/// environment variables, the test's changes on top.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private ServerProcess(Process process, HttpClient client) => (Process, Client) = (process, client);

    public Process Process { get; }
    public HttpClient Client { get; }

    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, IReadOnlyDictionary<string, string> changes)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/") ? "Release" : "Debug";
        var dll = Path.Combine(TestEnvironment.RepositoryRoot, "functions", "Webook.Server", "bin", configuration, "net10.0", "Webook.Server.dll");
        var port = LocalService.FreePort();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in settings)
            if (key != "urls") start.Environment[Variable(key)] = value;
        foreach (var (key, value) in changes) start.Environment[Variable(key)] = value;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(RunningServer.UserAgent);
        var server = new ServerProcess(process, client);
        await server.WaitForHealthAsync();
        return server;
    }

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.Dispose();
        Client.Dispose();
    }

    private async Task WaitForHealthAsync()
    {
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await Client.GetAsync("/healthz")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the Webook.Server process did not answer /healthz");
    }

    private static string Variable(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
