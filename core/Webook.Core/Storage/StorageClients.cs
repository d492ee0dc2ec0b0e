using Azure.Core;
using Azure.Identity;
using Webook.Core.Storage.Blobs;
using Webook.Core.Storage.Tables;

namespace Webook.Core.Storage;

/// <summary>Builds the table and blob clients from configuration: SharedKey from a connection string, else managed identity.</summary>
public static class StorageClients
{
    public static TableServiceClient CreateTableService(StorageOptions options)
    {
        var clientOptions = Configure(new TableClientOptions(), options);
        return string.IsNullOrEmpty(options.ConnectionString)
            ? new TableServiceClient(options.TableEndpoint ?? throw Missing("TableEndpoint"), Credential(options), clientOptions)
            : new TableServiceClient(options.ConnectionString, clientOptions);
    }

    public static BlobServiceClient CreateBlobService(StorageOptions options)
    {
        var clientOptions = Configure(new BlobClientOptions(), options);
        return string.IsNullOrEmpty(options.ConnectionString)
            ? new BlobServiceClient(options.BlobEndpoint ?? throw Missing("BlobEndpoint"), Credential(options), clientOptions)
            : new BlobServiceClient(options.ConnectionString, clientOptions);
    }

    private static T Configure<T>(T clientOptions, StorageOptions options) where T : ClientOptions
    {
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = options.RetryDelay;
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        return clientOptions;
    }

    private static TokenCredential Credential(StorageOptions options) =>
        string.IsNullOrEmpty(options.ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));

    private static InvalidOperationException Missing(string setting) =>
        new($"Storage:ConnectionString is empty, so Storage:{setting} must be set for managed identity.");
}
