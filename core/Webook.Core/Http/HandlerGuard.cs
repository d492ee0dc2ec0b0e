using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Webook.Core.Http;

/// <summary>Turns any failure inside a handler into code 5 without leaking details, and logs it once.</summary>
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
        catch (Exception e)
        {
            logger.LogError(e, "{Operation} failed", operation);
            return ApiResults.ServerError();
        }
    }
}
