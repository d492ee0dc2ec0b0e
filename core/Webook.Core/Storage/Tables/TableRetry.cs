using Azure;
using Microsoft.AspNetCore.Http;

namespace Webook.Core.Storage.Tables;

/// <summary>
/// The one retry loop of the table stores, for optimistic concurrency: a write whose condition failed lost a race
/// (412: the row changed since it was read; 409: it was created meanwhile), so the store reads again and retries,
/// at most <c>attempts</c> times in all; the last loss is thrown. Transport failures are the Azure SDK's retry policy's.
/// </summary>
public static class TableRetry
{
    public static bool LostRace(RequestFailedException e) =>
        e.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status409Conflict;

    /// <param name="attempts">How many losses end the loop (Articles:WriteAttempts, Interactions:WriteAttempts, ...).</param>
    /// <param name="attempt">One try: reads what it needs and writes conditionally.</param>
    /// <param name="beforeRetry">After a loss that will be retried: read the row again, or back off.</param>
    /// <param name="lost">Which failures are lost races; <see cref="LostRace"/> unless said.</param>
    /// <param name="free">A loss that costs no attempt and no <paramref name="beforeRetry"/> (the store knows why it lost).</param>
    public static async Task<T> RetryLostRacesAsync<T>(int attempts, Func<Task<T>> attempt, Func<Task>? beforeRetry = null,
        Func<RequestFailedException, bool>? lost = null, Func<bool>? free = null)
    {
        for (var losses = 0; ;)
        {
            try
            {
                return await attempt();
            }
            catch (RequestFailedException e) when ((lost ?? LostRace)(e))
            {
                if (free?.Invoke() == true) continue;
                if (++losses >= attempts) throw;
                if (beforeRetry is not null) await beforeRetry();
            }
        }
    }
}
