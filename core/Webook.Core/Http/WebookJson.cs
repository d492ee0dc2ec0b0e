using System.Text.Json;
using System.Text.Json.Serialization;

namespace Webook.Core.Http;

public static class WebookJson
{
    /// <summary>camelCase names, no comments or trailing commas, numbers only as numbers.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
