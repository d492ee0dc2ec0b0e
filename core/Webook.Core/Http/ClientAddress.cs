using Microsoft.AspNetCore.Http;

namespace Webook.Core.Http;

/// <summary>
/// The address of the client that sent a request, the key of per-client limits. Behind proxies (Azure Front
/// Door, the Functions front end) it is read from <see cref="HttpOptions.ForwardedForHeader"/>: each proxy
/// appends the address it received from, so the client is the entry <see cref="HttpOptions.TrustedProxyCount"/>
/// places from the right; entries further left are the client's own claims and are never trusted.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpRequest request, HttpOptions options)
    {
        if (options.ForwardedForHeader.Length > 0)
        {
            var hops = request.Headers[options.ForwardedForHeader].ToString()
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var index = hops.Length - options.TrustedProxyCount;
            if (index >= 0 && System.Net.IPAddress.TryParse(hops[index], out var forwarded)) return forwarded.ToString();
        }
        return request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }
}
