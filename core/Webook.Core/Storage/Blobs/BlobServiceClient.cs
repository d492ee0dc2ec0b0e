using Azure.Core;
using Azure.Core.Pipeline;

namespace Webook.Core.Storage.Blobs;

/// <summary>The Blob service of one account: SharedKey from a connection string, or a token credential.</summary>
public sealed class BlobServiceClient
{
    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;

    public BlobServiceClient(string connectionString, BlobClientOptions? options = null)
    {
        var account = StorageConnectionString.Parse(connectionString);
        _endpoint = account.BlobEndpoint;
        _pipeline = HttpPipelineBuilder.Build(options ?? new BlobClientOptions(),
            new SharedKeyPolicy(account.AccountName, account.AccountKey, SharedKeyPolicy.Service.Blob));
    }

    public BlobServiceClient(Uri endpoint, TokenCredential credential, BlobClientOptions? options = null)
    {
        _endpoint = endpoint;
        _pipeline = HttpPipelineBuilder.Build(options ?? new BlobClientOptions(),
            new BearerTokenAuthenticationPolicy(credential, StorageScopes.Default));
    }

    public BlobContainerClient GetBlobContainerClient(string containerName) =>
        new(_pipeline, new Uri($"{_endpoint.AbsoluteUri.TrimEnd('/')}/{containerName}"), containerName);
}
