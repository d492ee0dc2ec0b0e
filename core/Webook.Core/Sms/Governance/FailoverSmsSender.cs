using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Webook.Core.Common;

namespace Webook.Core.Sms.Governance;

/// <summary>
/// The providers as one sender, in three steps:
/// 1. the account-wide rate limit: a sliding window in Redis under one key ("sms:failover"), because it
///    protects the provider account, not a phone; when the limiter cannot answer (Redis down) the configured
///    <see cref="RateLimitFailurePolicy"/> decides;
/// 2. failover: each call starts one provider further along so load spreads, and a provider that fails
///    passes the message to the next;
/// 3. the health judge: each provider sits behind its own Polly circuit breaker, down when the failure
///    ratio (errors and slow calls) over a sliding window passes a threshold with enough calls to mean
///    something; while down it fails at once; after the break one probe call decides whether it is up.
/// The caller's own cancellation ends the attempt at once and never counts against a provider.
/// </summary>
public sealed class FailoverSmsSender : ISmsSender
{
    private readonly IReadOnlyList<JudgedProvider> _providers;
    private readonly ISlidingWindowLimiter _limiter;
    private readonly IOptions<RateLimitOptions> _rateLimit;
    private readonly SmsMetrics _metrics;
    private readonly ILogger<FailoverSmsSender> _logger;
    private int _calls = -1;

    public FailoverSmsSender(IEnumerable<ISmsSender> providers, ISlidingWindowLimiter limiter, IOptions<RateLimitOptions> rateLimit,
        ProviderHealthOptions health, TimeProvider time, SmsMetrics metrics, ILogger<FailoverSmsSender> logger)
    {
        _providers = providers.Select(p => new JudgedProvider(p, HealthJudge(p.Name, health, time, logger))).ToList();
        if (_providers.Count == 0) throw new ArgumentException("At least one SMS provider is needed.", nameof(providers));
        (_limiter, _rateLimit, _metrics, _logger) = (limiter, rateLimit, metrics, logger);
    }

    public string Name => "failover";

    public async Task SendAsync(SmsMessage message, CancellationToken ct)
    {
        if (!await AllowedAsync(ct)) throw new SmsRateLimitedException("Too many SMS were sent to the providers in the last window.");

        var start = (int)((uint)Interlocked.Increment(ref _calls) % (uint)_providers.Count);
        var failures = new List<Exception>();
        for (var i = 0; i < _providers.Count; i++)
        {
            var (provider, judge) = _providers[(start + i) % _providers.Count];
            try
            {
                await judge.ExecuteAsync(static async (state, token) => await state.provider.SendAsync(state.message, token),
                    (provider, message), ct);
                _metrics.Sent(provider.Name);
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (BrokenCircuitException e)
            {
                _metrics.JudgedDown(provider.Name);
                failures.Add(e);
            }
            catch (Exception e)
            {
                _metrics.Failed(provider.Name);
                _logger.LogWarning(e, "SMS provider {Provider} failed; trying the next", provider.Name);
                failures.Add(e);
            }
        }
        throw new SmsUnavailableException("No SMS provider could send the message.", new AggregateException(failures));
    }

    private async Task<bool> AllowedAsync(CancellationToken ct)
    {
        try
        {
            var limit = new WindowLimit(_rateLimit.Value.Limit, _rateLimit.Value.Window);
            return await _limiter.TryAcquireAsync("sms:" + Name, limit, ct) is not null;
        }
        catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
        {
            var policy = _rateLimit.Value.OnRedisFailure;
            _logger.LogWarning(e, "SMS rate limiter unavailable; applying policy {Policy}", policy);
            return policy == RateLimitFailurePolicy.Allow;
        }
    }

    private static ResiliencePipeline HealthJudge(string provider, ProviderHealthOptions options, TimeProvider time, ILogger logger) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e
                                                            && !(e is OperationCanceledException && args.Context.CancellationToken.IsCancellationRequested)),
                OnOpened = args =>
                {
                    logger.LogWarning("SMS provider {Provider} judged down for {Break}", provider, args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnHalfOpened = _ =>
                {
                    logger.LogInformation("SMS provider {Provider}: probing", provider);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    logger.LogInformation("SMS provider {Provider} judged up", provider);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.SlowCallTimeout)
            .Build();

    private sealed record JudgedProvider(ISmsSender Provider, ResiliencePipeline Judge);
}
