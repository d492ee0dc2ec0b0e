using System.Net;
using Webook.Core.Storage.Blobs;

namespace Webook.IntegrationTests.Storage;

public sealed class BlobClientTests
{
    [Fact]
    public async Task A_public_blob_is_served_anonymously_with_its_headers_until_deleted()
    {
        var container = StorageFixture.NewContainer();
        await container.CreateIfNotExistsAsync(PublicAccessType.Blob);
        await container.CreateIfNotExistsAsync(PublicAccessType.Blob);
        var blob = container.GetBlobClient("articles/42.html");
        const string html = "<h1>Hello</h1><p>ünïcode</p>";

        await blob.UploadAsync(BinaryData.FromString(html), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "text/html; charset=utf-8", CacheControl = "public, max-age=60" },
        });

        using var anonymous = new HttpClient();
        var served = await anonymous.GetAsync(blob.Uri);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(html, await served.Content.ReadAsStringAsync());
        Assert.Equal("text/html; charset=utf-8", served.Content.Headers.ContentType!.ToString());
        Assert.Equal("public, max-age=60", served.Headers.CacheControl!.ToString());

        var downloaded = (await blob.DownloadContentAsync()).Value;
        Assert.Equal(html, downloaded.Content.ToString());
        Assert.Equal("text/html; charset=utf-8", downloaded.Details.ContentType);
        Assert.Equal("public, max-age=60", downloaded.Details.CacheControl);
        Assert.Equal(served.Headers.ETag!.Tag, downloaded.Details.ETag.ToString("H"));
        Assert.True((await blob.ExistsAsync()).Value);

        Assert.True((await blob.DeleteIfExistsAsync()).Value);
        Assert.False((await blob.DeleteIfExistsAsync()).Value);
        Assert.False((await blob.ExistsAsync()).Value);
        await Assert.ThrowsAsync<BlobNotFoundException>(() => blob.DownloadContentAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(blob.Uri)).StatusCode);
    }

    [Fact]
    public async Task Uploading_again_replaces_the_content()
    {
        var container = StorageFixture.NewContainer();
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient("x.txt");
        await blob.UploadAsync(BinaryData.FromString("one"), new BlobUploadOptions());
        await blob.UploadAsync(BinaryData.FromString("two"), new BlobUploadOptions());
        Assert.Equal("two", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task A_private_container_refuses_anonymous_reads()
    {
        var container = StorageFixture.NewContainer();
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient("secret.txt");
        await blob.UploadAsync(BinaryData.FromString("s"), new BlobUploadOptions());

        using var anonymous = new HttpClient();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync(blob.Uri)).StatusCode);
        Assert.Equal("s", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }
}
