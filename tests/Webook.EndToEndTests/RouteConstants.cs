using System.Reflection;
using Webook.Core;

namespace Webook.EndToEndTests;

/// <summary>
/// The template constants of every feature's route class (AccountRoutes, ArticleRoutes, ...), each with the function name
/// of the same field name in its nested <c>Names</c> class: what the Function App's attributes are written with.
/// </summary>
internal static class RouteConstants
{
    public static IEnumerable<(string Field, string Template, string Name)> All() =>
        typeof(ApiRoutes).Assembly.GetTypes()
            .Where(t => t.IsClass && t.IsAbstract && t.IsSealed && t.Name.EndsWith("Routes") && t.GetNestedType("Names") is not null)
            .SelectMany(routes => routes.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral)
                .Select(field => (field.Name, (string)field.GetRawConstantValue()!,
                    (string)routes.GetNestedType("Names")!.GetField(field.Name)!.GetRawConstantValue()!)));
}
