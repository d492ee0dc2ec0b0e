using Azure.Core;
using Azure.Core.Pipeline;

namespace Webook.Core.Storage.Tables;

/// <summary>The Table service of one account: SharedKey from a connection string, or a token credential.</summary>
public sealed class TableServiceClient
{
    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;

    public TableServiceClient(string connectionString) : this(connectionString, new TableClientOptions())
    {
    }

    public TableServiceClient(string connectionString, TableClientOptions options)
    {
        var account = StorageConnectionString.Parse(connectionString);
        _endpoint = account.TableEndpoint;
        _pipeline = HttpPipelineBuilder.Build(options, new SharedKeyPolicy(account.AccountName, account.AccountKey, SharedKeyPolicy.Service.Table));
    }

    public TableServiceClient(Uri endpoint, TokenCredential credential, TableClientOptions? options = null)
    {
        _endpoint = endpoint;
        _pipeline = HttpPipelineBuilder.Build(options ?? new TableClientOptions(),
            new BearerTokenAuthenticationPolicy(credential, StorageScopes.Default));
    }

    public TableClient GetTableClient(string tableName) => new(_pipeline, _endpoint, tableName);
}
