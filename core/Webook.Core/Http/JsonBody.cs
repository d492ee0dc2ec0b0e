using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Webook.Core.Http;

/// <summary>
/// Reads a request body as JSON; a body that is not JSON (by its Content-Type or its bytes) or has the wrong shape
/// becomes a 400 naming the field. The handler decides this in both hosts, so neither framework answers a bare 415.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, long maxBytes) where T : class
    {
        if (!request.HasJsonContentType())
            return (null, ApiResults.BadRequest("The request body must be JSON, sent with Content-Type: application/json."));
        if (request.ContentLength > maxBytes)
            return (null, ApiResults.BadRequest($"The request body is larger than {maxBytes} bytes."));
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(new LengthLimitedStream(request.Body, maxBytes), WebookJson.Options,
                request.HttpContext.RequestAborted);
            return value is null
                ? (null, ApiResults.BadRequest("The request body must be a JSON object."))
                : (value, null);
        }
        catch (JsonException e)
        {
            return (null, ApiResults.BadRequest(Describe(e)));
        }
        catch (BodyTooLargeException)
        {
            return (null, ApiResults.BadRequest($"The request body is larger than {maxBytes} bytes."));
        }
    }

    private static string Describe(JsonException e)
    {
        var field = e.Path?.TrimStart('$', '.');
        return string.IsNullOrEmpty(field)
            ? "The request body is not valid JSON."
            : $"The field '{field}' has the wrong type or is not valid JSON.";
    }
}
