using System.Text.Json;
using Azure;

namespace Webook.Core.Storage;

/// <summary>Reads a failed storage response: its error code (x-ms-error-code first, as Azurite leaves the body's empty) and message.</summary>
internal static class StorageRequestFailure
{
    public static (string? Code, string Message) Describe(Response response)
    {
        response.Headers.TryGetValue("x-ms-error-code", out var code);
        var message = $"Storage answered {response.Status} {response.ReasonPhrase}";
        try
        {
            if (response.Content.ToMemory().Length > 0 && response.Headers.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
            {
                using var body = JsonDocument.Parse(response.Content.ToMemory());
                if (body.RootElement.TryGetProperty("odata.error", out var error))
                {
                    if (string.IsNullOrEmpty(code) && error.TryGetProperty("code", out var c)) code = c.GetString();
                    if (error.TryGetProperty("message", out var m) && m.TryGetProperty("value", out var v)) message += ": " + v.GetString();
                }
            }
        }
        catch (JsonException)
        {
        }
        return (string.IsNullOrEmpty(code) ? null : code, code is null ? message : $"{message} ({code})");
    }
}
