using Webook.Core.Storage;

namespace Webook.UnitTests.Storage;

public sealed class StorageConnectionStringTests
{
    [Fact]
    public void Development_storage_means_azurite_on_its_default_ports()
    {
        var account = StorageConnectionString.Parse("UseDevelopmentStorage=true");
        Assert.Equal("devstoreaccount1", account.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), account.TableEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), account.BlobEndpoint);
    }

    [Fact]
    public void An_account_string_without_endpoints_uses_the_suffix()
    {
        var account = StorageConnectionString.Parse("DefaultEndpointsProtocol=https;AccountName=webook;AccountKey=AAAA;EndpointSuffix=core.windows.net");
        Assert.Equal(new Uri("https://webook.table.core.windows.net"), account.TableEndpoint);
        Assert.Equal(new Uri("https://webook.blob.core.windows.net"), account.BlobEndpoint);
    }

    [Fact]
    public void A_string_without_a_key_is_refused_without_echoing_it()
    {
        var error = Assert.Throws<FormatException>(() => StorageConnectionString.Parse("AccountName=webook"));
        Assert.Contains("AccountKey", error.Message);
    }
}
