using Webook.Core.Http;

namespace Webook.Server;

/// <summary>
/// What the OpenAPI document says of a route, in docs/api.md's terms: the JSON body it takes, the envelope it
/// answers with and the data in it, and the token it wants. Handlers read the request themselves, so the
/// framework can infer none of this from their signatures.
/// </summary>
public static class RouteDocumentation
{
    private const string Json = "application/json";

    /// <summary>
    /// A JSON body of this shape; one that is not JSON or has the wrong shape answers 400. Documentation only: not
    /// <c>Accepts</c>, whose metadata would let routing answer another content type with a bare 415 before the
    /// handler (which answers it 400 in the envelope, as in the Function App) runs.
    /// </summary>
    public static RouteHandlerBuilder Takes<TBody>(this RouteHandlerBuilder route) where TBody : notnull =>
        route.WithMetadata(new BodyMetadata(typeof(TBody))).Produces<Envelope>(StatusCodes.Status400BadRequest, Json);

    /// <summary>The envelope with data null (a refusal, code 4, is HTTP 200 too), or 500 with code 5.</summary>
    public static RouteHandlerBuilder Answers(this RouteHandlerBuilder route) =>
        route.Produces<Envelope>(StatusCodes.Status200OK, Json).Produces<Envelope>(StatusCodes.Status500InternalServerError, Json);

    /// <summary>The envelope with this data on success (a refusal, code 4, is HTTP 200 with data null), or 500 with code 5.</summary>
    public static RouteHandlerBuilder Answers<TData>(this RouteHandlerBuilder route) =>
        route.Produces<Envelope<TData>>(StatusCodes.Status200OK, Json).Produces<Envelope>(StatusCodes.Status500InternalServerError, Json);

    /// <summary>The token the route reads from Authorization: Bearer; a required one that is missing or not valid answers 401.</summary>
    public static RouteHandlerBuilder Wants(this RouteHandlerBuilder route, TokenUse token)
    {
        route.WithMetadata(new TokenMetadata(token));
        return token == TokenUse.OptionalAccess ? route : route.Produces<Envelope>(StatusCodes.Status401Unauthorized, Json);
    }

    /// <summary>A success carries a new access token in x-jwt-token and a refresh token in x-refresh-token.</summary>
    public static RouteHandlerBuilder IssuesTokens(this RouteHandlerBuilder route) => route.WithMetadata(new IssuesTokensMetadata());
}

/// <summary>The auth column of docs/api.md: A, A? and R.</summary>
public enum TokenUse { Access, OptionalAccess, Refresh }

public sealed record TokenMetadata(TokenUse Use);

public sealed record IssuesTokensMetadata;

/// <summary>The JSON body a route takes, for the document's requestBody.</summary>
public sealed record BodyMetadata(Type Type);

/// <summary>The shape of <see cref="Envelope"/> with its data typed, for the document only: handlers answer with <see cref="Envelope"/>.</summary>
public sealed record Envelope<TData>(int Code, string Msg, TData Data);
