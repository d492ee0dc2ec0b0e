using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>
    /// An Azure Storage connection string (Azurite's <c>UseDevelopmentStorage=true</c>, or an account name
    /// and key). Empty means managed identity with <see cref="TableServiceUri"/> and <see cref="BlobServiceUri"/>.
    /// </summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    public Uri? TableServiceUri { get; set; }
    public Uri? BlobServiceUri { get; set; }

    /// <summary>Client id of a user-assigned managed identity; empty uses DefaultAzureCredential.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Prefix of every table name (letters and digits).</summary>
    public string TablePrefix { get; set; } = "";

    /// <summary>Blob container of published content.</summary>
    [Required]
    public string ContentContainer { get; set; } = "content";

    /// <summary>Retries of one table or blob call after its first try (the SDK's exponential back-off).</summary>
    [Range(0, 100)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first back-off; each retry doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one try may wait for the service before it counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
