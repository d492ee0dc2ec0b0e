using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Webook.Core.Http;

/// <summary>
/// Turns any failure inside a handler into code 5 without leaking details, and logs it once; a request the
/// client did not finish sending is its own mistake (400, code 4).
/// </summary>
public sealed class HandlerGuard(ILogger<HandlerGuard> logger)
{
    public async Task<IResult> RunAsync(HttpRequest request, string operation, Func<CancellationToken, Task<IResult>> handle)
    {
        var aborted = request.HttpContext.RequestAborted;
        try
        {
            return await handle(aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return Results.StatusCode(499);
        }
        catch (BadHttpRequestException e)
        {
            // The client's fault (a body cut short or arriving too slowly), not ours: no stack trace, no code 5.
            logger.LogInformation("{Operation}: the request could not be read ({Reason})", operation, e.Message);
            return ApiResults.BadRequest("The request body could not be read.");
        }
        catch (Exception e)
        {
            logger.LogError(e, "{Operation} failed", operation);
            return ApiResults.ServerError();
        }
    }
}
