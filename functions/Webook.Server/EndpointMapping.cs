using Webook.Core;
using Webook.Core.Http;

namespace Webook.Server;

/// <summary>Maps every route of core's table (<see cref="ApiRoutes.All"/>) under its function name, documented from its descriptor.</summary>
public static class EndpointMapping
{
    public static void MapWebookEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var route in ApiRoutes.All)
            app.MapMethods("/" + route.Template, [route.Method], route.InvokeAsync).WithName(route.Name).Describe(route);
        // Every other path or method: 404 or 405 (with Allow) in the envelope, as the Function App's catch-all function answers.
        app.Map("/" + NoRouteHandler.Template, NoRouteHandler.Answer).ExcludeFromDescription();
    }
}
