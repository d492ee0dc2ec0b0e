using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Webook.Core.Http;

/// <summary>
/// Turns any failure inside a handler into code 5 without leaking details, and logs it once; a request the
/// client did not finish sending is its own mistake (400, code 4). A handler gets <see cref="HttpOptions.RequestTimeout"/>:
/// when it runs out the client gets code 5 at once, even if a frozen dependency ignores the cancellation.
/// </summary>
public sealed class HandlerGuard(IOptions<HttpOptions> options, ILogger<HandlerGuard> logger)
{
    public async Task<IResult> RunAsync(HttpRequest request, string operation, Func<CancellationToken, Task<IResult>> handle)
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
            logger.LogWarning("{Operation} ran out of its {RequestTimeout} deadline", operation, options.Value.RequestTimeout);
            return ApiResults.ServerError();
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
