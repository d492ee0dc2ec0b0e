using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Webook.TestSupport;

/// <summary>An HTTP answer read as the envelope of api.md.</summary>
public sealed record ApiResponse(HttpStatusCode Status, int Code, string Msg, JsonElement Data, HttpResponseMessage Raw)
{
    public string? Header(string name) =>
        Raw.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public static async Task<ApiResponse> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new ApiResponse(response.StatusCode,
            body.GetProperty("code").GetInt32(),
            body.GetProperty("msg").GetString()!,
            body.GetProperty("data").Clone(),
            response);
    }
}

public static class HttpClientApiExtensions
{
    public static async Task<ApiResponse> PostApiAsync(this HttpClient client, string path, object? body, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        return await ApiResponse.ReadAsync(await client.SendAsync(request));
    }

    public static async Task<ApiResponse> PostRawAsync(this HttpClient client, string path, string rawBody, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(rawBody, System.Text.Encoding.UTF8, "application/json") };
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        return await ApiResponse.ReadAsync(await client.SendAsync(request));
    }

    public static async Task<ApiResponse> GetApiAsync(this HttpClient client, string path, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        return await ApiResponse.ReadAsync(await client.SendAsync(request));
    }
}
