using Microsoft.AspNetCore.Http;

namespace Webook.Core.Http;

/// <summary>Builds the envelope responses of api.md.</summary>
public static class ApiResults
{
    public const int Success = 0;
    public const int CallerMistake = 4;
    public const int ServerFailure = 5;

    public static IResult Ok(object? data = null) =>
        Results.Json(new Envelope(Success, "OK", data), WebookJson.Options);

    /// <summary>A well-formed request the rules refuse: HTTP 200 with code 4.</summary>
    public static IResult Refused(string message) =>
        Results.Json(new Envelope(CallerMistake, message, null), WebookJson.Options);

    /// <summary>A body that is not JSON or has the wrong shape: HTTP 400 with code 4.</summary>
    public static IResult BadRequest(string message) =>
        Results.Json(new Envelope(CallerMistake, message, null), WebookJson.Options, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>A request no route answers: 404 for an unknown path, 405 for a known path with another method; code 4.</summary>
    public static IResult NoRoute(int statusCode) =>
        Results.Json(new Envelope(CallerMistake,
                statusCode == StatusCodes.Status405MethodNotAllowed ? "This path does not take that method." : "There is nothing at this path.",
                null), WebookJson.Options, statusCode: statusCode);

    public static IResult Unauthorized() =>
        Results.Json(new Envelope(CallerMistake, "Please log in again.", null), WebookJson.Options, statusCode: StatusCodes.Status401Unauthorized);

    public static IResult ServerError(object? data = null) =>
        Results.Json(new Envelope(ServerFailure, "Something went wrong on our side; please try again later.", data), WebookJson.Options,
            statusCode: StatusCodes.Status500InternalServerError);
}
