using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Http;

namespace Webook.Core.Health;

/// <summary>GET /healthz.</summary>
public static class HealthRoutes
{
    public const string Health = "healthz";

    public static readonly IReadOnlyList<ApiRoute> All =
    [
        new()
        {
            Name = Names.Health, Method = ApiRoute.Get, Template = Health, Operation = "health", Auth = RouteAuth.None, Data = typeof(HealthView),
            // Not inside the guard: a probe is answered even when the request log or metrics would fail.
            Handler = (_, request) => request.HttpContext.RequestServices.GetRequiredService<HealthHandler>().CheckAsync(request),
        },
    ];

    public static class Names
    {
        public const string Health = "Health";
    }
}
