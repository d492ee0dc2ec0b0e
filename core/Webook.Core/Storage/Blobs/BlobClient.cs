using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Webook.Core.Storage.Blobs;

/// <summary>One block blob. Named like Azure.Storage.Blobs' BlobClient for the subset used.</summary>
public class BlobClient
{
    private readonly HttpPipeline _pipeline;

    /// <summary>For substitution in unit tests.</summary>
    protected BlobClient()
    {
        _pipeline = null!;
        Uri = null!;
        Name = "";
    }

    internal BlobClient(HttpPipeline pipeline, Uri uri, string name)
    {
        _pipeline = pipeline;
        Uri = uri;
        Name = name;
    }

    public virtual string Name { get; }

    /// <summary>The blob's own URL; readable anonymously when its container allows public blob access.</summary>
    public virtual Uri Uri { get; }

    /// <summary>Writes the whole blob, replacing any previous content.</summary>
    public virtual async Task<Response> UploadAsync(BinaryData content, BlobUploadOptions options, CancellationToken cancellationToken = default)
    {
        using var message = BlobRequests.Message(_pipeline, RequestMethod.Put, Uri);
        var headers = message.Request.Headers;
        headers.SetValue("x-ms-blob-type", "BlockBlob");
        if (options.HttpHeaders is { } http)
        {
            SetIfPresent(headers, "x-ms-blob-content-type", http.ContentType);
            SetIfPresent(headers, "x-ms-blob-cache-control", http.CacheControl);
            SetIfPresent(headers, "x-ms-blob-content-encoding", http.ContentEncoding);
            SetIfPresent(headers, "x-ms-blob-content-language", http.ContentLanguage);
        }
        message.Request.Content = RequestContent.Create(content);
        return BlobRequests.ThrowIfError(await BlobRequests.SendAsync(_pipeline, message, cancellationToken));
    }

    public virtual async Task<Response<BlobDownloadResult>> DownloadContentAsync(CancellationToken cancellationToken = default)
    {
        using var message = BlobRequests.Message(_pipeline, RequestMethod.Get, Uri);
        var response = BlobRequests.ThrowIfError(await BlobRequests.SendAsync(_pipeline, message, cancellationToken));
        response.Headers.TryGetValue("Cache-Control", out var cacheControl);
        return Response.FromValue(new BlobDownloadResult
        {
            Content = response.Content,
            Details = new BlobDownloadDetails { ContentType = response.Headers.ContentType, CacheControl = cacheControl, ETag = response.Headers.ETag ?? default },
        }, response);
    }

    public virtual async Task<Response<bool>> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = BlobRequests.Message(_pipeline, RequestMethod.Delete, Uri);
        var response = await BlobRequests.SendAsync(_pipeline, message, cancellationToken);
        if (response.Status == 404) return Response.FromValue(false, response);
        return Response.FromValue(true, BlobRequests.ThrowIfError(response));
    }

    public virtual async Task<Response<bool>> ExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = BlobRequests.Message(_pipeline, RequestMethod.Head, Uri);
        var response = await BlobRequests.SendAsync(_pipeline, message, cancellationToken);
        if (response.Status == 404) return Response.FromValue(false, response);
        return Response.FromValue(true, BlobRequests.ThrowIfError(response));
    }

    private static void SetIfPresent(RequestHeaders headers, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value)) headers.SetValue(name, value);
    }
}
