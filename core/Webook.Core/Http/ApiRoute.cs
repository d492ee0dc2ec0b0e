using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Webook.Core.Http;

/// <summary>
/// One route, the only place it is described: its function name (Webook.Server's endpoint name), its one HTTP method,
/// its template, its operation (the request log's and metrics' name), its auth kind, the JSON body it takes, the data it
/// answers with, whether it issues tokens, and its handler. Each feature declares its own (AccountRoutes, ArticleRoutes,
/// ...); <see cref="ApiRoutes"/> lists them all. Webook.Server maps and documents them from this; the Function App's
/// attribute constants are tested against it.
/// </summary>
public sealed record ApiRoute
{
    public const string Get = "GET";
    public const string Post = "POST";
    public const string Delete = "DELETE";

    public required string Name { get; init; }
    public required string Method { get; init; }
    public required string Template { get; init; }
    public required string Operation { get; init; }
    public required RouteAuth Auth { get; init; }
    /// <summary>The JSON body's type, or null for a route that takes none.</summary>
    public Type? Body { get; init; }
    /// <summary>The type of the envelope's data on success, or null when it is null.</summary>
    public Type? Data { get; init; }
    public bool IssuesTokens { get; init; }
    /// <summary>
    /// The handler checks the token itself, for a reason the invoker cannot know: it reads while the session is
    /// checked (one round trip instead of two), or the token check is the rule (a refresh rotates the token it checks).
    /// </summary>
    public bool HandlerAuthenticates { get; init; }
    /// <summary>Runs the route on a request; <see cref="InvokeAsync"/> is how hosts call it.</summary>
    public required Func<ApiRoute, HttpRequest, Task<IResult>> Handler { get; init; }

    public Task<IResult> InvokeAsync(HttpRequest request) => Handler(this, request);

    /// <summary>
    /// A route whose handler is a method of <typeparamref name="THandlers"/> (a singleton) taking a
    /// <see cref="RouteCall{TBody}"/>: <see cref="RouteInvoker"/> authenticates and reads the body first.
    /// </summary>
    public static ApiRoute For<THandlers, TBody>(string name, string method, string template, string operation, RouteAuth auth,
        Func<THandlers, RouteCall<TBody>, Task<IResult>> handle, Type? data = null, bool issuesTokens = false, bool handlerAuthenticates = false)
        where THandlers : notnull where TBody : class => new()
    {
        Name = name, Method = method, Template = template, Operation = operation, Auth = auth,
        Body = typeof(TBody) == typeof(NoBody) ? null : typeof(TBody), Data = data, IssuesTokens = issuesTokens,
        HandlerAuthenticates = handlerAuthenticates,
        Handler = (route, request) =>
        {
            var services = request.HttpContext.RequestServices;
            var handlers = services.GetRequiredService<THandlers>();
            return services.GetRequiredService<RouteInvoker>().RunAsync<TBody>(route, request, call => handle(handlers, call));
        },
    };
}

/// <summary>A scheduled job: its function name and the setting that holds its NCRONTAB schedule.</summary>
public sealed record ScheduledJobRoute(string Name, string ScheduleSetting);
