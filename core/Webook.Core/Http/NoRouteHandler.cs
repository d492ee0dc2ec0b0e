using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Net.Http.Headers;

namespace Webook.Core.Http;

/// <summary>
/// The answer to a request no route takes, the same in both hosts (Webook.Server's catch-all endpoint, the Function
/// App's catch-all function): 405 with <c>Allow</c> when the path is on <see cref="ApiRoutes.All"/> with other methods,
/// 404 otherwise; both in the envelope with code 4.
/// </summary>
public static class NoRouteHandler
{
    /// <summary>The catch-all template: every path the table's more specific templates do not take first.</summary>
    public const string Template = "{*path}";

    /// <summary>The Function App's catch-all function.</summary>
    public const string FunctionName = "NoRoute";

    private static readonly (TemplateMatcher Matcher, string Method)[] Routes = ApiRoutes.All
        .Select(r => (new TemplateMatcher(TemplateParser.Parse(r.Template), new RouteValueDictionary()), r.Method))
        .ToArray();

    public static IResult Answer(HttpRequest request)
    {
        var allowed = AllowedMethods(request.Path);
        if (allowed.Count == 0) return ApiResults.NoRoute(StatusCodes.Status404NotFound);
        request.HttpContext.Response.Headers[HeaderNames.Allow] = string.Join(", ", allowed);
        return ApiResults.NoRoute(StatusCodes.Status405MethodNotAllowed);
    }

    /// <summary>The methods the routes whose template matches <paramref name="path"/> take, in table order.</summary>
    public static IReadOnlyList<string> AllowedMethods(PathString path) =>
        Routes.Where(r => r.Matcher.TryMatch(path, new RouteValueDictionary())).Select(r => r.Method).Distinct().ToList();
}
