using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Webook.TestSupport;

/// <summary>
/// A private redis-server or Azurite process on free loopback ports, for tests that stop a dependency
/// under a running server. Disposing kills it.
/// </summary>
public sealed class LocalService : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;
    private readonly bool _ownsDirectory;
    private bool _paused;

    private LocalService(Process process, string dataDirectory, bool ownsDirectory = true)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
    }

    public int Port { get; private init; }
    public int TablePort { get; private init; }

    public static async Task<LocalService> StartRedisAsync()
    {
        var port = FreePort();
        var dir = Directory.CreateTempSubdirectory("webook-redis-").FullName;
        var process = Start("redis-server", $"--bind 127.0.0.1 --port {port} --dir {dir} --save \"\" --appendonly no");
        var service = new LocalService(process, dir) { Port = port };
        await service.WaitForPortAsync(port);
        return service;
    }

    /// <summary>
    /// Azurite from scripts/node_modules (installed by scripts/test.sh); Port is the blob port.
    /// <paramref name="accounts"/> ("name:base64key;...") replaces its development account (AZURITE_ACCOUNTS).
    /// </summary>
    public static async Task<LocalService> StartAzuriteAsync(string? accounts = null)
    {
        int blob = FreePort(), queue = FreePort(), table = FreePort();
        var dir = Directory.CreateTempSubdirectory("webook-azurite-").FullName;
        var azurite = Path.Combine(TestEnvironment.RepositoryRoot, "scripts", "node_modules", ".bin", "azurite");
        var environment = accounts is null ? null : new Dictionary<string, string> { ["AZURITE_ACCOUNTS"] = accounts };
        var process = Start(azurite,
            $"--silent --disableTelemetry --skipApiVersionCheck --location {dir} " +
            $"--blobPort {blob} --queuePort {queue} --tablePort {table}", environment);
        var service = new LocalService(process, dir) { Port = blob, TablePort = table };
        await service.WaitForPortAsync(blob);
        await service.WaitForPortAsync(table);
        return service;
    }

    /// <summary>Azurite's blob service alone, keeping its data in <paramref name="dataDirectory"/> (so a restart on the same port finds it).</summary>
    public static async Task<LocalService> StartAzuriteBlobAsync(string dataDirectory, int? port = null)
    {
        var blob = port ?? FreePort();
        var azurite = Path.Combine(TestEnvironment.RepositoryRoot, "scripts", "node_modules", ".bin", "azurite-blob");
        var process = Start(azurite, $"--silent --disableTelemetry --skipApiVersionCheck --location {dataDirectory} --blobPort {blob}");
        var service = new LocalService(process, dataDirectory, ownsDirectory: false) { Port = blob };
        await service.WaitForPortAsync(blob);
        return service;
    }

    /// <summary>Azurite's table service alone; Port is its port.</summary>
    public static async Task<LocalService> StartAzuriteTableAsync(string dataDirectory)
    {
        var table = FreePort();
        var azurite = Path.Combine(TestEnvironment.RepositoryRoot, "scripts", "node_modules", ".bin", "azurite-table");
        var process = Start(azurite, $"--silent --disableTelemetry --skipApiVersionCheck --location {dataDirectory} --tablePort {table}");
        var service = new LocalService(process, dataDirectory, ownsDirectory: false) { Port = table, TablePort = table };
        await service.WaitForPortAsync(table);
        return service;
    }

    public string AzuriteConnectionString => AzuriteConnectionStringFor(Port, TablePort);

    public static string AzuriteConnectionStringFor(int blobPort, int tablePort) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1";

    /// <summary>
    /// SIGSTOP: the process freezes with its sockets open, so clients connect and send but never hear back,
    /// as with a hung server or a network that drops replies.
    /// </summary>
    public async Task PauseAsync()
    {
        await SignalAsync("-STOP");
        _paused = true;
    }

    /// <summary>SIGCONT: the frozen process goes on where it stopped.</summary>
    public async Task ResumeAsync()
    {
        await SignalAsync("-CONT");
        _paused = false;
    }

    /// <summary>SIGTERM first, so the service shuts down as in production (Azurite saves its metadata); SIGKILL after 10 s.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        if (_paused) await ResumeAsync();
        await SignalAsync("-TERM");
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        if (!_ownsDirectory) return;
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill {signal} {_process.Id} failed");
    }

    private static Process Start(string file, string arguments, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? []) start.Environment[name] = value;
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start " + file);
    }

    private async Task WaitForPortAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{_process.StartInfo.FileName} exited: {await _process.StandardError.ReadToEndAsync()}");
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"{_process.StartInfo.FileName} did not listen on {port}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
