using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;

namespace Webook.IntegrationTests.Storage;

/// <summary>
/// Counts the calls the app's table and blob clients make (a call the SDK retries counts once, so a slow moment
/// does not change the count), through a policy added to the clients AddWebookCore registers: what one store
/// call costs in round trips to the storage service.
/// </summary>
public sealed class StorageRequests
{
    private readonly Counter _tables = new();
    private readonly Counter _blobs = new();

    public int Tables => _tables.Count;
    public int Blobs => _blobs.Count;

    /// <summary>Adds the counters to the storage clients of <paramref name="services"/> (call after AddWebookCore).</summary>
    public IServiceCollection AddTo(IServiceCollection services)
    {
        services.AddAzureClients(azure => azure.ConfigureDefaults(options =>
            options.AddPolicy(options is TableClientOptions ? _tables : _blobs, HttpPipelinePosition.PerCall)));
        return services;
    }

    /// <summary>The table and blob requests <paramref name="call"/> sends, and its answer.</summary>
    public async Task<(int Tables, int Blobs, T Result)> OfAsync<T>(Func<Task<T>> call)
    {
        var (tables, blobs) = (Tables, Blobs);
        var result = await call();
        return (Tables - tables, Blobs - blobs, result);
    }

    private sealed class Counter : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }
}
