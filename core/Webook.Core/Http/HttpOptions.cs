using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Http;

public sealed class HttpOptions
{
    public const string Section = "Http";

    /// <summary>Largest JSON request body a handler reads; articles carry up to 1 MiB of HTML, escaped.</summary>
    [Range(1L, long.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Header the proxies in front of the app append client addresses to (X-Forwarded-For); empty uses the connection's address.</summary>
    public string ForwardedForHeader { get; set; } = "";

    /// <summary>How many proxies append to <see cref="ForwardedForHeader"/>: the client is that many entries from the right.</summary>
    [Range(0, 64)]
    public int TrustedProxyCount { get; set; } = 1;

    /// <summary>
    /// How long a handler may take, body reading included; past it the client gets code 5 and the work is
    /// cancelled, whatever storage retries remain. The deadline every request has, whichever dependency froze.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
