namespace Webook.Core.Storage;

/// <summary>The parts of an Azure Storage connection string that the table and blob clients use.</summary>
public sealed record StorageConnectionString(string AccountName, byte[] AccountKey, Uri TableEndpoint, Uri BlobEndpoint)
{
    public const string DevelopmentAccount = "devstoreaccount1";

    // Azurite's published, well-known development key: not a secret.
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static StorageConnectionString Parse(string connectionString)
    {
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.OrdinalIgnoreCase);

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && dev.Equals("true", StringComparison.OrdinalIgnoreCase))
            return new(DevelopmentAccount, Convert.FromBase64String(DevelopmentKey),
                new Uri($"http://127.0.0.1:10002/{DevelopmentAccount}"), new Uri($"http://127.0.0.1:10000/{DevelopmentAccount}"));

        var account = Required(parts, "AccountName");
        var key = Convert.FromBase64String(Required(parts, "AccountKey"));
        var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        return new(account, key,
            Endpoint(parts, "TableEndpoint", $"{protocol}://{account}.table.{suffix}"),
            Endpoint(parts, "BlobEndpoint", $"{protocol}://{account}.blob.{suffix}"));
    }

    private static Uri Endpoint(Dictionary<string, string> parts, string name, string fallback) =>
        new(parts.TryGetValue(name, out var value) && value.Length > 0 ? value : fallback);

    private static string Required(Dictionary<string, string> parts, string name) =>
        parts.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new FormatException($"The storage connection string has no {name}.");
}
