using Azure.Core;
using Azure.Core.Pipeline;

namespace Webook.Core.Storage.Blobs;

public class BlobContainerClient
{
    private readonly HttpPipeline _pipeline;

    /// <summary>For substitution in unit tests.</summary>
    protected BlobContainerClient()
    {
        _pipeline = null!;
        Uri = null!;
        Name = "";
    }

    internal BlobContainerClient(HttpPipeline pipeline, Uri uri, string name)
    {
        _pipeline = pipeline;
        Uri = uri;
        Name = name;
    }

    public virtual string Name { get; }
    public virtual Uri Uri { get; }

    public virtual async Task CreateIfNotExistsAsync(PublicAccessType publicAccessType = PublicAccessType.None, CancellationToken cancellationToken = default)
    {
        using var message = BlobRequests.Message(_pipeline, RequestMethod.Put, new Uri(Uri + "?restype=container"));
        if (publicAccessType != PublicAccessType.None)
            message.Request.Headers.SetValue("x-ms-blob-public-access", publicAccessType == PublicAccessType.Blob ? "blob" : "container");
        var response = await BlobRequests.SendAsync(_pipeline, message, cancellationToken);
        if (response.IsError && response.Status != 409) throw BlobRequests.Error(response);
    }

    public virtual BlobClient GetBlobClient(string blobName) =>
        new(_pipeline, new Uri($"{Uri}/{string.Join('/', blobName.Split('/').Select(Uri.EscapeDataString))}"), blobName);
}
