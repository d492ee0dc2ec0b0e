using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Webook.Core.Http;

public static class WebookJson
{
    /// <summary>
    /// camelCase names, no comments or trailing commas, numbers only as numbers. Responses are
    /// application/json read by the client's fetch, never inlined into an HTML page, so HTML-sensitive
    /// characters need no escaping; escaping them would inflate article HTML up to six times.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
