using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;

namespace Webook.Core.Sms.Governance;

/// <summary>
/// Tries the providers in turn, starting one further along on each call so load spreads; a provider that
/// fails (or is judged down and fails at once) passes the message to the next. The caller's cancellation
/// ends the attempt at once.
/// </summary>
public sealed class FailoverSmsSender(IReadOnlyList<ISmsSender> providers, SmsMetrics metrics, ILogger<FailoverSmsSender> logger) : ISmsSender
{
    private int _calls = -1;

    public string Name => "failover";

    public async Task SendAsync(SmsMessage message, CancellationToken ct)
    {
        var start = (int)((uint)Interlocked.Increment(ref _calls) % (uint)providers.Count);
        var failures = new List<Exception>();
        for (var i = 0; i < providers.Count; i++)
        {
            var provider = providers[(start + i) % providers.Count];
            try
            {
                await provider.SendAsync(message, ct);
                metrics.Sent(provider.Name);
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (BrokenCircuitException e)
            {
                metrics.JudgedDown(provider.Name);
                failures.Add(e);
            }
            catch (Exception e)
            {
                metrics.Failed(provider.Name);
                logger.LogWarning(e, "SMS provider {Provider} failed; trying the next", provider.Name);
                failures.Add(e);
            }
        }
        throw new SmsUnavailableException("No SMS provider could send the message.", new AggregateException(failures));
    }
}
