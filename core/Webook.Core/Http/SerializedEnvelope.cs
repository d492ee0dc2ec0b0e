using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Webook.Core.Http;

/// <summary>
/// A success envelope serialized once and written as is: for an answer every reader shares until it changes
/// (the hot list), so a request copies bytes instead of serializing the same objects again.
/// </summary>
public sealed class SerializedEnvelope : IResult, IStatusCodeHttpResult
{
    private readonly byte[] _utf8Json;

    private SerializedEnvelope(byte[] utf8Json) => _utf8Json = utf8Json;

    /// <summary>The same bytes <see cref="ApiResults.Ok"/> would write for <paramref name="data"/>.</summary>
    public static SerializedEnvelope Ok(object? data) =>
        new(JsonSerializer.SerializeToUtf8Bytes(new Envelope(ApiResults.Success, "OK", data), WebookJson.Options));

    /// <summary>An envelope serialized before (a cached copy of <see cref="Utf8Json"/>).</summary>
    public static SerializedEnvelope FromUtf8(byte[] utf8Json) => new(utf8Json);

    public byte[] Utf8Json => _utf8Json;

    public int Code => ApiResults.Success;

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = _utf8Json.Length;
        return response.Body.WriteAsync(_utf8Json, httpContext.RequestAborted).AsTask();
    }
}
