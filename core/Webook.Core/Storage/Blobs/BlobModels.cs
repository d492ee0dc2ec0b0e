using Azure;
using Azure.Core;

namespace Webook.Core.Storage.Blobs;

public sealed class BlobClientOptions : ClientOptions
{
}

public enum PublicAccessType
{
    None,
    BlobContainer,
    Blob,
}

public sealed class BlobHttpHeaders
{
    public string? ContentType { get; set; }
    public string? CacheControl { get; set; }
    public string? ContentEncoding { get; set; }
    public string? ContentLanguage { get; set; }
}

public sealed class BlobUploadOptions
{
    public BlobHttpHeaders? HttpHeaders { get; set; }
}

public sealed class BlobDownloadDetails
{
    public string? ContentType { get; init; }
    public string? CacheControl { get; init; }
    public ETag ETag { get; init; }
}

public sealed class BlobDownloadResult
{
    public required BinaryData Content { get; init; }
    public required BlobDownloadDetails Details { get; init; }
}

/// <summary>404 on download: no such blob (or container).</summary>
public sealed class BlobNotFoundException(string message, string? errorCode)
    : RequestFailedException(404, message, errorCode, null);
