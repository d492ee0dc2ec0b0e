using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Webook.Core.Http;

namespace Webook.UnitTests.Http;

public sealed class HandlerGuardTests
{
    private static readonly HandlerGuard Guard = new(
        Options.Create(new HttpOptions { RequestTimeout = TimeSpan.FromMilliseconds(200) }), NullLoggerFactory.Instance, new RequestMetrics(TestMeters.Factory));

    [Fact]
    public async Task A_handler_that_ignores_cancellation_still_answers_code_5_at_the_deadline()
    {
        var neverAnswers = new TaskCompletionSource<IResult>();
        var context = new DefaultHttpContext();

        var result = await Guard.RunAsync(context.Request, "test", _ => neverAnswers.Task);

        AssertServerFailure(result);
        // The abandoned handler still holds the request: the connection must not carry another one.
        Assert.Equal("close", context.Response.Headers.Connection.ToString());
    }

    [Fact]
    public async Task The_handler_token_is_cancelled_at_the_deadline()
    {
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        var result = await Guard.RunAsync(new DefaultHttpContext().Request, "test", async ct =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                cancelled.SetResult(ct.IsCancellationRequested);
                throw;
            }
            return ApiResults.Ok();
        });

        AssertServerFailure(result);
        Assert.True(await cancelled.Task.WaitAsync(TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task A_client_that_went_away_gets_499_not_code_5()
    {
        var context = new DefaultHttpContext();
        using var aborted = new CancellationTokenSource();
        context.RequestAborted = aborted.Token;

        var result = Guard.RunAsync(context.Request, "test", ct => Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => ApiResults.Ok(), ct));
        await aborted.CancelAsync();

        Assert.Equal(499, Assert.IsAssignableFrom<IStatusCodeHttpResult>(await result).StatusCode);
    }

    [Fact]
    public async Task A_failing_handler_answers_code_5()
    {
        AssertServerFailure(await Guard.RunAsync(new DefaultHttpContext().Request, "test", _ => throw new InvalidOperationException("boom")));
    }

    private static void AssertServerFailure(IResult result)
    {
        var json = Assert.IsType<JsonHttpResult<Envelope>>(result);
        Assert.Equal((StatusCodes.Status500InternalServerError, ApiResults.ServerFailure), (json.StatusCode, json.Value!.Code));
    }

    [Fact]
    public async Task Every_answer_is_counted_by_operation_status_and_envelope_code()
    {
        var meters = TestMeters.NewFactory();
        using var requests = TestMeters.Collect<long>(meters, RequestMetrics.MeterName, "webook.requests");
        var guard = new HandlerGuard(Options.Create(new HttpOptions()), NullLoggerFactory.Instance, new RequestMetrics(meters));

        await guard.RunAsync(new DefaultHttpContext().Request, "login", _ => Task.FromResult(ApiResults.Refused("no")));
        await guard.RunAsync(new DefaultHttpContext().Request, "login", _ => throw new InvalidOperationException("boom"));

        Assert.Equal(["1 operation=login http.response.status_code=200 code=4", "1 operation=login http.response.status_code=500 code=5"],
            TestMeters.Describe(requests));
    }
}
