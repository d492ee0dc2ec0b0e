using Azure.Data.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Webook.Core.Storage.Tables;

namespace Webook.Core.Health.Checks;

/// <summary>Table storage answers a point read.</summary>
public sealed class TablesHealthCheck(WebookTables tables) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var users = await tables.GetAsync(WebookTables.Users, ct);
        await users.GetEntityIfExistsAsync<TableEntity>("health", "", cancellationToken: ct);
        return HealthCheckResult.Healthy();
    }
}
