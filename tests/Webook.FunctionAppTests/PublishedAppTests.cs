using System.Text.Json;

namespace Webook.FunctionAppTests;

/// <summary>
/// The folder `dotnet publish` made of the Function App (scripts/test.sh publishes it; azd deploys the same folder):
/// what the Functions host reads from it to start the worker, bind the triggers and load librdkafka.
/// </summary>
public sealed class PublishedAppTests
{
    [Theory]
    [InlineData("host.json")]
    [InlineData("worker.config.json")]
    [InlineData("functions.metadata")]
    [InlineData("extensions.json")]
    [InlineData("Webook.Functions.dll")]
    [InlineData(".azurefunctions/Microsoft.Azure.WebJobs.Extensions.FunctionMetadataLoader.dll")]
    public void The_published_folder_holds_what_the_functions_host_reads(string file) =>
        Assert.True(File.Exists(Path.Combine(FunctionAppBuild.PublishFolder, file)), $"{file} is not in {FunctionAppBuild.PublishFolder}");

    [Fact]
    public void The_worker_is_the_apps_own_dll_run_by_dotnet_with_worker_indexing()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionAppBuild.PublishFolder, "worker.config.json")));
        var description = config.RootElement.GetProperty("description");

        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.Equal("Webook.Functions.dll", description.GetProperty("defaultWorkerPath").GetString());
        // The host asks the worker for its functions, so KafkaSecurityTransformer decides the Kafka triggers' protocol.
        Assert.Equal("true", description.GetProperty("workerIndexing").GetString());
    }

    [Fact]
    public void The_extensions_json_names_only_extensions_that_are_published_and_the_metadata_is_the_builds()
    {
        // HTTP and timers are built into the host; extensions.json lists what the host must load from the app
        // (the worker's metadata loader, and the Kafka extension where it is built in).
        using var extensions = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionAppBuild.PublishFolder, "extensions.json")));
        var listed = extensions.RootElement.GetProperty("extensions").EnumerateArray().ToList();
        Assert.Contains(listed, e => e.GetProperty("name").GetString() == "Startup");
        Assert.Equal(!FunctionAppBuild.WithoutKafkaTrigger, listed.Any(e => e.GetProperty("typeName").GetString()!.Contains("Kafka", StringComparison.Ordinal)));
        foreach (var extension in listed)
        {
            var hint = extension.GetProperty("hintPath").GetString()!;
            Assert.True(File.Exists(Path.Combine(FunctionAppBuild.PublishFolder, hint)), $"{hint} is not published");
        }

        Assert.Equal(File.ReadAllText(Path.Combine(FunctionAppBuild.Output, "functions.metadata")),
            File.ReadAllText(Path.Combine(FunctionAppBuild.PublishFolder, "functions.metadata")));
    }

    [Fact]
    public void The_librdkafka_native_library_for_linux_x64_is_published()
    {
        var native = Path.Combine(FunctionAppBuild.PublishFolder, "runtimes", "linux-x64", "native");

        Assert.True(File.Exists(Path.Combine(native, "librdkafka.so")), $"no librdkafka.so in {native}");
        // The glibc build KafkaNativeLibrary loads on Debian and the Functions Linux images (docs/platform.md).
        Assert.True(File.Exists(Path.Combine(native, "centos8-librdkafka.so")), $"no centos8-librdkafka.so in {native}");
    }
}
