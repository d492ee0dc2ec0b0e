using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using Webook.Core.Storage;

namespace Webook.UnitTests.Storage;

public sealed class StorageRegistrationTests
{
    private const string StorageScope = "https://storage.azure.com/.default";

    [Fact]
    public async Task Service_uris_with_a_token_credential_send_bearer_tokens_to_those_uris()
    {
        var credential = Substitute.For<TokenCredential>();
        credential.GetTokenAsync(Arg.Any<TokenRequestContext>(), Arg.Any<CancellationToken>())
            .Returns(new AccessToken("token-from-identity", DateTimeOffset.UtcNow.AddHours(1)));
        var transport = new RecordingTransport(HttpStatusCode.NotFound);
        using var services = Build(new()
        {
            ["Storage:ConnectionString"] = "",
            ["Storage:TableServiceUri"] = "https://webookacct.table.core.windows.net",
            ["Storage:BlobServiceUri"] = "https://webookacct.blob.core.windows.net",
        }, transport, credential);

        await services.GetRequiredService<TableServiceClient>().GetTableClient("users").GetEntityIfExistsAsync<TableEntity>("p", "r");
        await services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient("content").GetBlobClient("b").ExistsAsync();

        Assert.Collection(transport.Requests,
            table => Assert.Equal(("webookacct.table.core.windows.net", "Bearer token-from-identity"), (table.Host, table.Authorization)),
            blob => Assert.Equal(("webookacct.blob.core.windows.net", "Bearer token-from-identity"), (blob.Host, blob.Authorization)));
        await credential.Received().GetTokenAsync(Arg.Is<TokenRequestContext>(c => c.Scopes.Contains(StorageScope)), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task A_connection_string_signs_with_the_account_key_and_asks_no_credential()
    {
        var credential = Substitute.For<TokenCredential>();
        var transport = new RecordingTransport(HttpStatusCode.NotFound);
        using var services = Build(new()
        {
            ["Storage:ConnectionString"] = "DefaultEndpointsProtocol=https;AccountName=webookacct;AccountKey=" +
                                           Convert.ToBase64String(new byte[64]) + ";EndpointSuffix=core.windows.net",
        }, transport, credential);

        await services.GetRequiredService<TableServiceClient>().GetTableClient("users").GetEntityIfExistsAsync<TableEntity>("p", "r");

        var request = Assert.Single(transport.Requests);
        Assert.Equal("webookacct.table.core.windows.net", request.Host);
        Assert.StartsWith("SharedKeyLite webookacct:", request.Authorization);
        await credential.DidNotReceiveWithAnyArgs().GetTokenAsync(default, default);
    }

    [Fact]
    public void Development_storage_points_at_azurite_on_its_default_ports()
    {
        using var services = Build(new() { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" });

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), services.GetRequiredService<TableServiceClient>().Uri);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), services.GetRequiredService<BlobServiceClient>().Uri);
    }

    [Fact]
    public async Task Retries_and_their_count_come_from_configuration()
    {
        var transport = new RecordingTransport(HttpStatusCode.ServiceUnavailable);
        using var services = Build(new()
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Storage:MaxRetries"] = "2",
            ["Storage:RetryDelay"] = "00:00:00.001",
        }, transport);

        await Assert.ThrowsAsync<Azure.RequestFailedException>(() =>
            services.GetRequiredService<TableServiceClient>().GetTableClient("users").GetEntityIfExistsAsync<TableEntity>("p", "r"));

        Assert.Equal(3, transport.Requests.Count);
    }

    [Fact]
    public void The_credential_is_the_configured_user_assigned_identity_or_the_default_chain()
    {
        Assert.IsType<ManagedIdentityCredential>(StorageRegistration.CreateCredential(new StorageOptions { ManagedIdentityClientId = Guid.NewGuid().ToString() }));
        Assert.IsType<DefaultAzureCredential>(StorageRegistration.CreateCredential(new StorageOptions()));
    }

    [Fact]
    public void Identity_without_service_uris_is_refused_with_the_setting_named()
    {
        var error = Assert.Throws<Webook.Core.Common.MissingSettingException>(() =>
            Build(new() { ["Storage:ConnectionString"] = "" }).GetRequiredService<TableServiceClient>());
        Assert.Equal("Storage:TableServiceUri", error.Setting);
        Assert.StartsWith("Storage:TableServiceUri: ", error.Message);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings, RecordingTransport? transport = null, TokenCredential? credential = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        if (credential is not null) services.AddSingleton(credential);
        services.AddStorageClients(configuration);
        if (transport is not null)
        {
            services.ConfigureAll<TableClientOptions>(o => o.Transport = new HttpClientTransport(transport));
            services.ConfigureAll<BlobClientOptions>(o => o.Transport = new HttpClientTransport(transport));
        }
        return services.BuildServiceProvider();
    }

    /// <summary>Answers every request with one status and remembers where it went and how it was authorized.</summary>
    private sealed class RecordingTransport(HttpStatusCode status) : HttpMessageHandler
    {
        public List<(string Host, string Authorization)> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            lock (Requests) Requests.Add((request.RequestUri!.Host, request.Headers.Authorization?.ToString() ?? ""));
            var response = new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent("") };
            if (status == HttpStatusCode.NotFound) response.Headers.Add("x-ms-error-code", "BlobNotFound");
            return Task.FromResult(response);
        }
    }
}
