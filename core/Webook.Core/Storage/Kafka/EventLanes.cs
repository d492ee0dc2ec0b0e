using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Webook.Core.Storage.Kafka;

/// <summary>
/// Applies a batch's changes one lane (a Kafka key's events, in the order they came) at a time per lane, lanes side by
/// side (ApplyConcurrency). Honours CrashAfterEventsForTests, counted over this instance's life.
/// </summary>
public sealed class EventLanes(string section)
{
    private int _applied;

    public async Task ApplyAsync(IEnumerable<(string Lane, Func<CancellationToken, Task> Apply)> changes, KafkaConsumerOptions options, CancellationToken ct)
    {
        var lanes = changes.GroupBy(c => c.Lane, c => c.Apply).Select(g => g.ToList()).ToList();
        await Parallel.ForEachAsync(lanes, new ParallelOptions { MaxDegreeOfParallelism = options.ApplyConcurrency, CancellationToken = ct },
            async (lane, token) =>
            {
                foreach (var apply in lane)
                {
                    await apply(token);
                    if (Interlocked.Increment(ref _applied) == options.CrashAfterEventsForTests)
                        Environment.FailFast($"{section}:CrashAfterEventsForTests is set: ending in the middle of a batch.");
                }
            });
    }

    /// <summary>
    /// An event's JSON handed with its "type" to <paramref name="dispatch"/>; null, logged, for a message that is no
    /// event (it would fail every retry).
    /// </summary>
    public static T? Read<T>(byte[] message, Func<string?, JsonElement, T?> dispatch, ILogger logger) where T : class
    {
        try
        {
            using var json = JsonDocument.Parse(message);
            var type = json.RootElement.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            if (dispatch(type, json.RootElement) is { } change) return change;
        }
        catch (JsonException)
        {
        }
        logger.LogWarning("Skipped a message that is no event ({Bytes} bytes)", message.Length);
        return null;
    }
}
