using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Webook.Core.Storage.Kafka;

/// <summary>
/// Makes Confluent.Kafka load the librdkafka that librdkafka.redist ships with the app, never a system one.
/// On Linux x64 the redist's plain librdkafka.so needs libsasl2.so.3, which Debian 12 lacks; the loader
/// then silently picks up any system librdkafka (Debian's is 2.0.2, whose missing symbols fail consumers).
/// Its glibc build without SASL (centos8-librdkafka.so) and its musl build load everywhere.
/// </summary>
public static class KafkaNativeLibrary
{
    private const string ImportName = "librdkafka";
    private static int _registered;

    /// <summary>Registers the resolver once per process; call before the first Kafka client is built.</summary>
    public static void UseBundled()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        NativeLibrary.SetDllImportResolver(typeof(Library).Assembly, Resolve);
    }

    /// <summary>The redist's library file for this platform, or null where the default probing already finds the right one.</summary>
    public static string? BundledFileName() =>
        !OperatingSystem.IsLinux() ? null
        : RuntimeInformation.RuntimeIdentifier.StartsWith("linux-musl-", StringComparison.Ordinal) ? "alpine-librdkafka.so"
        : RuntimeInformation.ProcessArchitecture == Architecture.X64 ? "centos8-librdkafka.so"
        : null;

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != ImportName || BundledFileName() is not { } file) return IntPtr.Zero;
        foreach (var directory in SearchDirectories())
        {
            var path = Path.Combine(directory, file);
            if (File.Exists(path)) return NativeLibrary.Load(path);
        }
        return IntPtr.Zero;
    }

    // The host lists the folders of the app's native assets (from deps.json) in NATIVE_DLL_SEARCH_DIRECTORIES;
    // a RID-specific publish puts them beside the app, a portable build under runtimes/<rid>/native.
    private static IEnumerable<string> SearchDirectories()
    {
        var listed = AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string ?? "";
        foreach (var directory in listed.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)) yield return directory;
        yield return AppContext.BaseDirectory;
        var architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        yield return Path.Combine(AppContext.BaseDirectory, "runtimes", $"linux-{architecture}", "native");
    }
}
