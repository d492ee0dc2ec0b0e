using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Storage;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Storage;

/// <summary>The clients that core registers reach real Azurite with each kind of connection string.</summary>
public sealed class StorageConnectionTests
{
    [Fact]
    public async Task Azurites_development_account_reaches_tables_and_blobs()
    {
        await RoundTripAsync(TestEnvironment.StorageConnectionString);
    }

    [Fact]
    public async Task An_account_name_and_key_reach_tables_and_blobs_and_a_wrong_key_is_refused()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        await using var azurite = await LocalService.StartAzuriteAsync(accounts: $"webookacct:{key}");

        await RoundTripAsync(AccountKeyConnectionString(azurite, key));

        var wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => RoundTripAsync(AccountKeyConnectionString(azurite, wrongKey)));
        Assert.Equal(403, refused.Status);
    }

    private static string AccountKeyConnectionString(LocalService azurite, string key) =>
        $"DefaultEndpointsProtocol=http;AccountName=webookacct;AccountKey={key};" +
        $"BlobEndpoint=http://127.0.0.1:{azurite.Port}/webookacct;TableEndpoint=http://127.0.0.1:{azurite.TablePort}/webookacct";

    private static async Task RoundTripAsync(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connectionString,
            ["Storage:MaxRetries"] = "0",
        }).Build();
        var services = new ServiceCollection();
        services.AddStorageClients(configuration);
        await using var provider = services.BuildServiceProvider();

        var table = provider.GetRequiredService<TableServiceClient>().GetTableClient(TestEnvironment.UniqueName("conn"));
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Likes"] = 42 });
        Assert.Equal(42, (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("Likes"));
        await table.DeleteAsync();

        var container = provider.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(TestEnvironment.UniqueName("conn"));
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("a/b.html").UploadAsync(BinaryData.FromString("<p>hello</p>"));
        Assert.Equal("<p>hello</p>", (await container.GetBlobClient("a/b.html").DownloadContentAsync()).Value.Content.ToString());
        await container.DeleteAsync();
    }
}
