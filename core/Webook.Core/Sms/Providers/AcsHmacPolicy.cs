using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Webook.Core.Sms.Providers;

/// <summary>
/// Azure Communication Services' HMAC-SHA256 request signing, applied to every try: the signed string is
/// VERB, path and query, then "date;host;content-hash".
/// </summary>
public sealed class AcsHmacPolicy(byte[] accessKey) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var uri = request.Uri.ToUri();
        var date = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);
        var contentHash = Convert.ToBase64String(SHA256.HashData(Body(request)));
        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        var stringToSign = $"{request.Method.Method}\n{uri.PathAndQuery}\n{date};{host};{contentHash}";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(accessKey, Encoding.UTF8.GetBytes(stringToSign)));

        request.Headers.SetValue("x-ms-date", date);
        request.Headers.SetValue("x-ms-content-sha256", contentHash);
        request.Headers.SetValue("Authorization", $"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={signature}");
    }

    private static byte[] Body(Request request)
    {
        if (request.Content is null) return [];
        using var buffer = new MemoryStream();
        request.Content.WriteTo(buffer, CancellationToken.None);
        return buffer.ToArray();
    }
}
