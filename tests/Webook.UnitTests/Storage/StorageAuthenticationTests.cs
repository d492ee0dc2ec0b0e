using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using NSubstitute;
using Webook.Core.Storage.Blobs;
using Webook.Core.Storage.Tables;

namespace Webook.UnitTests.Storage;

public sealed class StorageAuthenticationTests
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const string ConnectionString =
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1";

    [Fact]
    public async Task Table_requests_carry_the_documented_shared_key_signature()
    {
        var handler = new RecordingHandler();
        var table = new TableServiceClient(ConnectionString, new TableClientOptions { Transport = handler.Transport })
            .GetTableClient("users");

        await table.DeleteEntityAsync("p", "r");

        var request = Assert.Single(handler.Requests);
        var date = request.Headers.GetValues("x-ms-date").Single();
        var stringToSign = $"DELETE\n\n\n{date}\n/devstoreaccount1/devstoreaccount1/users(PartitionKey='p',RowKey='r')";
        Assert.Equal($"SharedKey devstoreaccount1:{Sign(stringToSign)}", request.Headers.Authorization!.ToString());
        Assert.Equal("2019-02-02", request.Headers.GetValues("x-ms-version").Single());
    }

    [Fact]
    public async Task Table_requests_with_a_body_sign_its_content_type()
    {
        var handler = new RecordingHandler();
        var table = new TableServiceClient(ConnectionString, new TableClientOptions { Transport = handler.Transport }).GetTableClient("users");

        await table.AddEntityAsync(new TableEntity("p", "r"));

        var request = Assert.Single(handler.Requests);
        var date = request.Headers.GetValues("x-ms-date").Single();
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.ToString());
        var stringToSign = $"POST\n\napplication/json\n{date}\n/devstoreaccount1/devstoreaccount1/users";
        Assert.Equal($"SharedKey devstoreaccount1:{Sign(stringToSign)}", request.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task Blob_uploads_sign_the_content_length_and_blob_headers()
    {
        var handler = new RecordingHandler(System.Net.HttpStatusCode.Created);
        var blob = new BlobServiceClient(ConnectionString, new BlobClientOptions { Transport = handler.Transport })
            .GetBlobContainerClient("content").GetBlobClient("a.html");

        await blob.UploadAsync(BinaryData.FromString("hello"), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "text/html; charset=utf-8", CacheControl = "public, max-age=60" },
        });

        var request = Assert.Single(handler.Requests);
        string Header(string name) => request.Headers.GetValues(name).Single();
        var stringToSign = "PUT\n\n\n5\n\n\n\n\n\n\n\n\n" +
                           "x-ms-blob-cache-control:public, max-age=60\n" +
                           "x-ms-blob-content-type:text/html; charset=utf-8\n" +
                           "x-ms-blob-type:BlockBlob\n" +
                           $"x-ms-client-request-id:{Header("x-ms-client-request-id")}\n" +
                           $"x-ms-date:{Header("x-ms-date")}\n" +
                           $"x-ms-return-client-request-id:{Header("x-ms-return-client-request-id")}\n" +
                           "x-ms-version:2021-12-02\n" +
                           "/devstoreaccount1/devstoreaccount1/content/a.html";
        Assert.Equal($"SharedKey devstoreaccount1:{Sign(stringToSign)}", request.Headers.Authorization!.ToString());
        Assert.Equal("hello", Assert.Single(handler.Bodies));
    }

    [Fact]
    public async Task Blob_requests_sign_standard_headers_x_ms_headers_and_the_query()
    {
        var handler = new RecordingHandler(System.Net.HttpStatusCode.Created);
        var container = new BlobServiceClient(ConnectionString, new BlobClientOptions { Transport = handler.Transport })
            .GetBlobContainerClient("content");

        await container.CreateIfNotExistsAsync(PublicAccessType.Blob);

        var request = Assert.Single(handler.Requests);
        string Header(string name) => request.Headers.GetValues(name).Single();
        var stringToSign = "PUT\n\n\n\n\n\n\n\n\n\n\n\n" +
                           "x-ms-blob-public-access:blob\n" +
                           $"x-ms-client-request-id:{Header("x-ms-client-request-id")}\n" +
                           $"x-ms-date:{Header("x-ms-date")}\n" +
                           $"x-ms-return-client-request-id:{Header("x-ms-return-client-request-id")}\n" +
                           "x-ms-version:2021-12-02\n" +
                           "/devstoreaccount1/devstoreaccount1/content\nrestype:container";
        Assert.Equal($"SharedKey devstoreaccount1:{Sign(stringToSign)}", request.Headers.Authorization!.ToString());
    }

    [Fact]
    public async Task With_a_token_credential_requests_carry_a_bearer_token_for_storage()
    {
        var credential = Substitute.For<TokenCredential>();
        credential.GetTokenAsync(Arg.Any<TokenRequestContext>(), Arg.Any<CancellationToken>())
            .Returns(new AccessToken("token-123", DateTimeOffset.UtcNow.AddHours(1)));
        var handler = new RecordingHandler();
        var table = new TableServiceClient(new Uri("https://account.table.core.windows.net"), credential,
            new TableClientOptions { Transport = handler.Transport }).GetTableClient("users");

        await table.DeleteEntityAsync("p", "r");

        var request = Assert.Single(handler.Requests);
        Assert.Equal("Bearer token-123", request.Headers.Authorization!.ToString());
        Assert.Equal("2019-02-02", request.Headers.GetValues("x-ms-version").Single());
        Assert.Equal(new Uri("https://account.table.core.windows.net/users(PartitionKey='p',RowKey='r')"), request.RequestUri);
        await credential.Received().GetTokenAsync(
            Arg.Is<TokenRequestContext>(c => c.Scopes.SequenceEqual(new[] { "https://storage.azure.com/.default" })), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task With_a_token_credential_blob_requests_carry_a_bearer_token_and_no_shared_key()
    {
        var credential = Substitute.For<TokenCredential>();
        credential.GetTokenAsync(Arg.Any<TokenRequestContext>(), Arg.Any<CancellationToken>())
            .Returns(new AccessToken("token-456", DateTimeOffset.UtcNow.AddHours(1)));
        var handler = new RecordingHandler(System.Net.HttpStatusCode.Created);
        var blob = new BlobServiceClient(new Uri("https://account.blob.core.windows.net"), credential, new BlobClientOptions { Transport = handler.Transport })
            .GetBlobContainerClient("content").GetBlobClient("a/b c.html");

        await blob.UploadAsync(BinaryData.FromString("x"), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/html" } });

        var request = Assert.Single(handler.Requests);
        Assert.Equal("Bearer token-456", request.Headers.Authorization!.ToString());
        Assert.Equal("2021-12-02", request.Headers.GetValues("x-ms-version").Single());
        Assert.Equal("BlockBlob", request.Headers.GetValues("x-ms-blob-type").Single());
        Assert.Equal("text/html", request.Headers.GetValues("x-ms-blob-content-type").Single());
        Assert.Equal("https://account.blob.core.windows.net/content/a/b%20c.html", request.RequestUri!.AbsoluteUri);
        Assert.Equal("https://account.blob.core.windows.net/content/a/b%20c.html", blob.Uri.AbsoluteUri);
    }

    private static string Sign(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(Key), Encoding.UTF8.GetBytes(stringToSign)));
}
