using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Webook.Core.Auth;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Webook.Core.Http;

/// <summary>
/// Turns any failure inside a handler into code 5 without leaking details, and logs it once; a request the
/// client did not finish sending is its own mistake (400, code 4). A handler gets <see cref="HttpOptions.RequestTimeout"/>:
/// when it runs out the client gets code 5 at once, even if a frozen dependency ignores the cancellation.
/// Every request ends in one structured entry of the "Webook.Requests" log: the one place requests are
/// logged, so handlers never log their own branches.
/// </summary>
public sealed partial class HandlerGuard(IOptions<HttpOptions> options, ILoggerFactory loggers, RequestMetrics metrics)
{
    public const string RequestLogCategory = "Webook.Requests";

    private readonly ILogger _requests = loggers.CreateLogger(RequestLogCategory);
    private readonly ILogger _logger = loggers.CreateLogger<HandlerGuard>();

    public async Task<IResult> RunAsync(HttpRequest request, string operation, Func<CancellationToken, Task<IResult>> handle)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await GuardAsync(request, operation, handle);
        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        int? code = result switch
        {
            IValueHttpResult { Value: Envelope envelope } => envelope.Code,
            SerializedEnvelope serialized => serialized.Code,
            _ => null,
        };
        metrics.Answered(operation, status, code);
        if (_requests.IsEnabled(LogLevel.Information))
            LogAnswered(_requests, operation, request.Method, request.Path.Value, status, code,
                request.HttpContext.Features.Get<UserSession>()?.UserId, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                Activity.Current?.TraceId.ToString());
        return result;
    }

    // Source-generated: no argument array and no boxing per request.
    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Operation} {Method} {Route} answered {Status} code {Code} for user {UserId} in {ElapsedMs:F1} ms, trace {TraceId}")]
    private static partial void LogAnswered(ILogger logger, string operation, string method, string? route, int status, int? code,
        long? userId, double elapsedMs, string? traceId);

    private async Task<IResult> GuardAsync(HttpRequest request, string operation, Func<CancellationToken, Task<IResult>> handle)
    {
        var aborted = request.HttpContext.RequestAborted;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(options.Value.RequestTimeout);
        try
        {
            return await handle(deadline.Token).WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return Results.StatusCode(499);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            _logger.LogWarning("{Operation} ran out of its {RequestTimeout} deadline", operation, options.Value.RequestTimeout);
            // The abandoned handler may still touch this request (read its body) once its dependency wakes up; the
            // connection must not carry another request by then, or that one's body would be read here.
            request.HttpContext.Response.Headers.Connection = "close";
            return ApiResults.ServerError();
        }
        catch (BadHttpRequestException e)
        {
            // The client's fault (a body cut short or arriving too slowly), not ours: no stack trace, no code 5.
            _logger.LogInformation("{Operation}: the request could not be read ({Reason})", operation, e.Message);
            return ApiResults.BadRequest("The request body could not be read.");
        }
        catch (Exception e)
        {
            _logger.LogError(e, "{Operation} failed", operation);
            return ApiResults.ServerError();
        }
    }
}
