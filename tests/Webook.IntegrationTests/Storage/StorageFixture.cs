using Webook.Core.Storage;
using Webook.Core.Storage.Blobs;
using Webook.Core.Storage.Tables;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Storage;

/// <summary>Clients of the test Azurite, with a fresh table or container name per call.</summary>
public static class StorageFixture
{
    private static readonly StorageOptions Options = new()
    {
        ConnectionString = TestEnvironment.StorageConnectionString,
        MaxRetries = 1,
        RetryDelay = TimeSpan.FromMilliseconds(50),
    };

    public static async Task<TableClient> NewTableAsync()
    {
        var table = StorageClients.CreateTableService(Options).GetTableClient(TestEnvironment.UniqueName("t"));
        await table.CreateIfNotExistsAsync();
        return table;
    }

    public static BlobContainerClient NewContainer() =>
        StorageClients.CreateBlobService(Options).GetBlobContainerClient(TestEnvironment.UniqueName("c"));
}

public sealed class Article : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public Azure.ETag ETag { get; set; }

    public string? Title { get; set; }
    public int Likes { get; set; }
    public long Reads { get; set; }
    public long? MaybeLong { get; set; }
    public bool Published { get; set; }
    public double Score { get; set; }
    public double Whole { get; set; }
    public int? MaybeInt { get; set; }
    public bool? MaybeBool { get; set; }
    public DateTimeOffset? MaybeAt { get; set; }
    public Guid? MaybeGuid { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid Marker { get; set; }
    public byte[]? Payload { get; set; }

    [System.Runtime.Serialization.IgnoreDataMember]
    public string NotStored { get; set; } = "";
}
