namespace Webook.Core.Http;

public sealed class HttpOptions
{
    public const string Section = "Http";

    /// <summary>Largest JSON request body a handler reads; articles carry up to 1 MiB of HTML, escaped.</summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;
}
