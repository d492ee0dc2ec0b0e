using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Webook.Core.Storage;

namespace Webook.Core.Health.Checks;

/// <summary>Blob storage answers an existence check in the content container.</summary>
public sealed class BlobsHealthCheck(BlobServiceClient blobs, IOptions<StorageOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        await blobs.GetBlobContainerClient(options.Value.ContentContainer).GetBlobClient("healthz").ExistsAsync(ct);
        return HealthCheckResult.Healthy();
    }
}
