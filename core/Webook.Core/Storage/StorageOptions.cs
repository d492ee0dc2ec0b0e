namespace Webook.Core.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>SharedKey connection string; empty means managed identity with the endpoints below.</summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    public Uri? TableEndpoint { get; set; }
    public Uri? BlobEndpoint { get; set; }

    /// <summary>Client id of a user-assigned managed identity; empty uses DefaultAzureCredential.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Prefix of every table name (letters and digits).</summary>
    public string TablePrefix { get; set; } = "";

    /// <summary>Blob container of published content.</summary>
    public string ContentContainer { get; set; } = "content";

    public int MaxRetries { get; set; } = 3;
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
