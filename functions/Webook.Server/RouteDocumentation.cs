using Webook.Core.Http;

namespace Webook.Server;

/// <summary>
/// What the OpenAPI document says of a route, read from its descriptor in docs/api.md's terms: the JSON body it takes,
/// the envelope it answers with and the data in it, and the token it wants. Handlers read the request themselves, so
/// the framework can infer none of this from their signatures.
/// </summary>
public static class RouteDocumentation
{
    private const string Json = "application/json";

    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder endpoint, ApiRoute route)
    {
        // The descriptor itself is the endpoint's metadata: ApiDocumentation reads the body, token and token headers from it.
        endpoint.WithMetadata(route);
        var data = route.Data is null ? typeof(Envelope) : typeof(Envelope<>).MakeGenericType(route.Data);
        endpoint.Produces(StatusCodes.Status200OK, data, Json).Produces<Envelope>(StatusCodes.Status500InternalServerError, Json);
        // Not Accepts: its metadata would let routing answer another content type with a bare 415 before the handler
        // (which answers it 400 in the envelope, as in the Function App) runs.
        if (route.Body is not null) endpoint.Produces<Envelope>(StatusCodes.Status400BadRequest, Json);
        if (route.Auth is RouteAuth.Access or RouteAuth.Refresh) endpoint.Produces<Envelope>(StatusCodes.Status401Unauthorized, Json);
        return endpoint;
    }
}

/// <summary>The shape of <see cref="Envelope"/> with its data typed, for the document only: handlers answer with <see cref="Envelope"/>.</summary>
public sealed record Envelope<TData>(int Code, string Msg, TData Data);
