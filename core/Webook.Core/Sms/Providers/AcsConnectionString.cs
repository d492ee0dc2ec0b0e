namespace Webook.Core.Sms.Providers;

/// <summary>The endpoint and access key of an Azure Communication Services connection string.</summary>
public sealed record AcsConnectionString(Uri Endpoint, byte[] AccessKey)
{
    public static AcsConnectionString Parse(string connectionString)
    {
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("endpoint", out var endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
            throw new FormatException("The ACS connection string has no valid endpoint.");
        if (!parts.TryGetValue("accesskey", out var key) || key.Length == 0)
            throw new FormatException("The ACS connection string has no accesskey.");
        try
        {
            return new AcsConnectionString(uri, Convert.FromBase64String(key));
        }
        catch (FormatException)
        {
            throw new FormatException("The ACS connection string's accesskey is not base64.");
        }
    }
}
