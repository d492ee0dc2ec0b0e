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

    private readonly Counter<long> _requests;

    public RequestMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("webook.requests", "{request}", "Requests answered, by operation, HTTP status and envelope code.");
    }

    public void Answered(string operation, int status, int? code) =>
        _requests.Add(1,
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("http.response.status_code", status),
            new KeyValuePair<string, object?>("code", code));
}
