using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Webook.Core.Common;

namespace Webook.Core.Storage;

/// <summary>
/// The Azure SDK's table and blob service clients, registered with Microsoft.Extensions.Azure: from a
/// connection string (Azurite, account keys), or from service URIs with a token credential (managed
/// identity). Retry and timeout options come from <see cref="StorageOptions"/>.
/// </summary>
public static class StorageRegistration
{
    public static void AddStorageClients(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        // A host (or a test) may register its own credential first.
        services.TryAddSingleton(_ => CreateCredential(storage));
        services.AddAzureClients(azure =>
        {
            if (string.IsNullOrEmpty(storage.ConnectionString))
            {
                azure.AddTableServiceClient(storage.TableServiceUri ?? throw MissingServiceUri(nameof(StorageOptions.TableServiceUri)));
                azure.AddBlobServiceClient(storage.BlobServiceUri ?? throw MissingServiceUri(nameof(StorageOptions.BlobServiceUri)));
                azure.UseCredential(sp => sp.GetRequiredService<TokenCredential>());
            }
            else
            {
                azure.AddTableServiceClient(storage.ConnectionString);
                azure.AddBlobServiceClient(storage.ConnectionString);
            }
            azure.ConfigureDefaults(options => ApplyRetry(options.Retry, storage));
        });
    }

    /// <summary>A user-assigned managed identity when its client id is configured, else DefaultAzureCredential.</summary>
    public static TokenCredential CreateCredential(StorageOptions storage) =>
        string.IsNullOrEmpty(storage.ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(storage.ManagedIdentityClientId));

    private static void ApplyRetry(RetryOptions retry, StorageOptions storage)
    {
        retry.Mode = RetryMode.Exponential;
        retry.MaxRetries = storage.MaxRetries;
        retry.Delay = storage.RetryDelay;
        retry.MaxDelay = storage.MaxRetryDelay;
        retry.NetworkTimeout = storage.NetworkTimeout;
    }

    private static MissingSettingException MissingServiceUri(string setting) =>
        new($"Storage:{setting}", "Storage:ConnectionString is empty, so it must be set for managed identity.");
}
