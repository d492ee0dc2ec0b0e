using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;

namespace Webook.Core.Sms.Governance;

/// <summary>
/// Wraps one provider in Polly's circuit breaker, which is the health judge: down when the failure ratio
/// (errors and slow calls) over a sliding window passes a threshold with enough calls to mean something;
/// while down, calls fail at once with <see cref="BrokenCircuitException"/>; after the break one probe
/// call decides whether it is up again. The caller's own cancellation never counts against the provider.
/// </summary>
public sealed class HealthJudgedSmsSender : ISmsSender
{
    private readonly ISmsSender _provider;
    private readonly ResiliencePipeline _pipeline;

    public HealthJudgedSmsSender(ISmsSender provider, ProviderHealthOptions options, TimeProvider time, ILogger logger)
    {
        _provider = provider;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && !IsCallerCancellation(e, args.Context.CancellationToken)),
                OnOpened = args =>
                {
                    logger.LogWarning("SMS provider {Provider} judged down for {Break}", provider.Name, args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnHalfOpened = _ =>
                {
                    logger.LogInformation("SMS provider {Provider}: probing", provider.Name);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    logger.LogInformation("SMS provider {Provider} judged up", provider.Name);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.SlowCallTimeout)
            .Build();
    }

    public string Name => _provider.Name;

    public Task SendAsync(SmsMessage message, CancellationToken ct) =>
        _pipeline.ExecuteAsync(static async (state, token) => await state.Provider.SendAsync(state.Message, token),
            (Provider: _provider, Message: message), ct).AsTask();

    private static bool IsCallerCancellation(Exception e, CancellationToken ct) =>
        e is OperationCanceledException && ct.IsCancellationRequested;
}
