using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Webook.Core.Storage;

/// <summary>
/// Signs each try of a request with the account key, as the Storage REST docs define "SharedKey":
/// the Table service signs verb, Content-MD5, Content-Type, date and resource; the Blob service also
/// signs the standard headers, every x-ms- header and every query parameter.
/// </summary>
public sealed class SharedKeyPolicy(string accountName, byte[] accountKey, SharedKeyPolicy.Service service) : HttpPipelineSynchronousPolicy
{
    public enum Service { Table, Blob }

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.SetValue("x-ms-date", DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture));
        var stringToSign = service == Service.Table ? TableStringToSign(request) : BlobStringToSign(request);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(accountKey, Encoding.UTF8.GetBytes(stringToSign)));
        request.Headers.SetValue("Authorization", $"SharedKey {accountName}:{signature}");
    }

    public string TableStringToSign(Request request)
    {
        var uri = request.Uri.ToUri();
        var resource = $"/{accountName}{uri.AbsolutePath}";
        var comp = QueryParameters(uri).FirstOrDefault(p => p.Name == "comp");
        if (comp.Name is not null) resource += "?comp=" + comp.Value;
        return string.Join('\n',
            request.Method.Method,
            Header(request, "Content-MD5"),
            Header(request, "Content-Type"),
            Header(request, "x-ms-date"),
            resource);
    }

    public string BlobStringToSign(Request request)
    {
        var uri = request.Uri.ToUri();
        var length = Header(request, "Content-Length");
        var canonicalHeaders = request.Headers
            .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim()))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .Select(h => $"{h.Name}:{h.Value}\n");
        var canonicalQuery = QueryParameters(uri)
            .GroupBy(p => p.Name.ToLowerInvariant())
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"\n{g.Key}:{string.Join(',', g.Select(p => p.Value).Order(StringComparer.Ordinal))}");
        return string.Join('\n',
                   request.Method.Method,
                   Header(request, "Content-Encoding"),
                   Header(request, "Content-Language"),
                   length == "0" ? "" : length,
                   Header(request, "Content-MD5"),
                   Header(request, "Content-Type"),
                   "",
                   Header(request, "If-Modified-Since"),
                   Header(request, "If-Match"),
                   Header(request, "If-None-Match"),
                   Header(request, "If-Unmodified-Since"),
                   Header(request, "Range"))
               + "\n" + string.Concat(canonicalHeaders)
               + $"/{accountName}{uri.AbsolutePath}" + string.Concat(canonicalQuery);
    }

    private static string Header(Request request, string name)
    {
        if (name == "Content-Length" && request.Content is { } content && content.TryComputeLength(out var length))
            return length.ToString(CultureInfo.InvariantCulture);
        return request.Headers.TryGetValue(name, out var value) ? value : "";
    }

    private static IEnumerable<(string Name, string Value)> QueryParameters(Uri uri) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Uri.UnescapeDataString(p[0]), p.Length > 1 ? Uri.UnescapeDataString(p[1]) : ""));
}
