using System.Diagnostics.Metrics;

namespace Webook.Core.Http;

/// <summary>
/// Requests by operation, HTTP status and envelope code (meter <see cref="MeterName"/>): ASP.NET Core's own
/// http.server.request.duration has the route and status but not the code, which tells a refusal (code 4)
/// from a failure (code 5) inside the same HTTP 200.
/// </summary>
public sealed class RequestMetrics
{
    public const string MeterName = "Webook.Http";

    // Tag values are objects: the usual statuses and codes are boxed once, not on every request.
    private static readonly object[] Boxed = Enumerable.Range(0, 600).Select(object (n) => n).ToArray();

    private readonly Counter<long> _requests;

    public RequestMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("webook.requests", "{request}", "Requests answered, by operation, HTTP status and envelope code.");
    }

    public void Answered(string operation, int status, int? code) =>
        _requests.Add(1,
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("http.response.status_code", Box(status)),
            new KeyValuePair<string, object?>("code", code is { } value ? Box(value) : null));

    private static object Box(int value) => (uint)value < Boxed.Length ? Boxed[value] : value;
}
