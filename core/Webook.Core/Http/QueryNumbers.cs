using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Webook.Core.Http;

/// <summary>The numeric query parameters of api.md's GET routes: absent, an integer, or a mistake the caller is told about.</summary>
public static class QueryNumbers
{
    /// <summary>Null when <paramref name="name"/> is absent or a whole number (in <paramref name="value"/>); else the problem.</summary>
    public static string? Read(HttpRequest request, string name, out long? value)
    {
        value = null;
        var values = request.Query[name];
        if (values.Count == 0) return null;
        if (values.Count == 1 && long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            value = number;
            return null;
        }
        return $"The query parameter {name} must be one whole number.";
    }

    /// <summary>offset and limit as api.md gives them (offset &gt;= 0, 1 &lt;= limit &lt;= 100), or the problem.</summary>
    public static string? ReadPage(HttpRequest request, out int offset, out int limit)
    {
        (offset, limit) = (0, 0);
        if (Read(request, "offset", out var o) is { } offsetProblem) return offsetProblem;
        if (Read(request, "limit", out var l) is { } limitProblem) return limitProblem;
        if (o is null or < 0 or > int.MaxValue) return "Offset must be 0 or more.";
        if (l is null or < 1 or > 100) return "Limit must be 1 to 100.";
        (offset, limit) = ((int)o.Value, (int)l.Value);
        return null;
    }
}
