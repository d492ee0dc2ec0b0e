using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Webook.TestSupport;

namespace Webook.FunctionAppTests;

/// <summary>One host under comparison: how a request reaches it, what its data is named, what it logged, what it remembers.</summary>
public sealed partial class HostSide(string name, Func<Request, Task<Answer>> send, IReadOnlyDictionary<string, string?> settings, CapturedLogs logs)
{
    public string Name { get; } = name;
    public CapturedLogs Logs { get; } = logs;
    public IReadOnlyDictionary<string, string?> Settings { get; } = settings;
    public Dictionary<string, string> Values { get; } = new();

    public Task<Answer> SendAsync(Request request) => send(request);

    /// <summary>What may differ between two deployments that behave the same: ids, times, tokens and their own names.</summary>
    public string Normalize(Answer answer)
    {
        var text = new StringBuilder().Append(answer.Status).Append('\n');
        foreach (var (header, value) in answer.Headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (TransportHeaders.Contains(header)) continue;
            var shown = TokenHeaders.Contains(header) ? "<token>" : string.Join(",", value.Split(',', StringSplitOptions.TrimEntries));
            if (header.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase)) shown = SignedCookie().Replace(shown, "$1<token>");
            text.Append(header.ToLowerInvariant()).Append(": ").Append(shown).Append('\n');
        }
        var body = Encoding.UTF8.GetString(answer.Body);
        text.Append(body.Length > 0 && JsonNode.Parse(body) is { } json ? Normalize(json)?.ToJsonString() : body);
        return text.ToString();
    }

    private JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Normalize(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Normalize).ToArray()),
        JsonValue v when v.TryGetValue<long>(out var n) && n >= 1_000_000 => JsonValue.Create("<large number>"),
        JsonValue v when v.TryGetValue<string>(out var s) =>
            JsonValue.Create(OAuthState().Replace(LongNumber().Replace(Guid().Replace(Unprefixed(s), "<guid>"), "<n>"), "state=<state>")),
        _ => node?.DeepClone(),
    };

    private string Unprefixed(string text)
    {
        foreach (var key in new[] { "Storage:TablePrefix", "Redis:KeyPrefix" })
            if (Settings.GetValueOrDefault(key) is { Length: > 0 } prefix) text = text.Replace(prefix, "<prefix>", StringComparison.OrdinalIgnoreCase);
        return text;
    }

    private static readonly HashSet<string> TransportHeaders = new(["Date", "Server", "Transfer-Encoding", "Content-Length"], StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> TokenHeaders = new(["x-jwt-token", "x-refresh-token"], StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"(jwt-state=)[^;]+")]
    private static partial Regex SignedCookie();

    [GeneratedRegex("state=[A-Za-z0-9_-]{22}")]
    private static partial Regex OAuthState();

    [GeneratedRegex(@"\d{6,}")]
    private static partial Regex LongNumber();

    [GeneratedRegex("[0-9a-f]{32}")]
    private static partial Regex Guid();

    /// <summary>Webook.Server over real HTTP.</summary>
    public static HostSide Over(RunningServer server)
    {
        var client = server.CreateClient();
        return new HostSide("Webook.Server", async request =>
        {
            using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path);
            if (request.Body is { } body) message.Content = new ByteArrayContent(body);
            foreach (var (header, value) in request.Headers)
            {
                if (string.Equals(header, "Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    message.Content ??= new ByteArrayContent([]);
                    message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
                }
                else
                {
                    message.Headers.TryAddWithoutValidation(header, value);
                }
            }
            using var response = await client.SendAsync(message);
            var headers = response.Headers.Concat(response.Content.Headers)
                .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            return new Answer((int)response.StatusCode, headers, await response.Content.ReadAsByteArrayAsync());
        }, server.Settings, server.Logs);
    }

    /// <summary>The Function App's worker host in this process.</summary>
    public static HostSide Over(InProcessFunctionApp app) => new("Webook.Functions", app.SendAsync, app.Settings, app.Logs);
}

/// <summary>Builds requests as the web client sends them.</summary>
public static class Requests
{
    public static Request Get(string path, string? bearer = null, params (string, string)[] headers) =>
        new("GET", path, Headers(bearer, null, headers), null);

    public static Request Post(string path, object? body, string? bearer = null, params (string, string)[] headers) =>
        new("POST", path, Headers(bearer, body is null ? null : "application/json", headers), body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body));

    public static Request Raw(string method, string path, string? contentType, string? body, string? bearer = null, params (string, string)[] headers) =>
        new(method, path, Headers(bearer, contentType, headers), body is null ? null : Encoding.UTF8.GetBytes(body));

    private static List<KeyValuePair<string, string>> Headers(string? bearer, string? contentType, (string, string)[] extra)
    {
        var headers = new List<KeyValuePair<string, string>> { new("User-Agent", RunningServer.UserAgent) };
        if (bearer is not null) headers.Add(new("Authorization", "Bearer " + bearer));
        if (contentType is not null) headers.Add(new("Content-Type", contentType));
        headers.AddRange(extra.Select(h => KeyValuePair.Create(h.Item1, h.Item2)));
        return headers;
    }
}
