using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Webook.Core.Interactions;

/// <summary>
/// The in-memory step of a read-event batch: the position of every well-formed event under its article, in
/// the batch's order, so that N events on K articles become K count changes. A malformed event (no value, not
/// JSON, no article id) is skipped with a warning that names its position: retrying cannot fix it.
/// </summary>
public static class ReadEventFold
{
    public static Dictionary<long, List<EventPosition>> ByArticle(IReadOnlyList<ReadEventMessage> batch, ILogger logger)
    {
        var byArticle = new Dictionary<long, List<EventPosition>>();
        foreach (var message in batch)
        {
            if (Parse(message, logger) is not { } read) continue;
            if (!byArticle.TryGetValue(read.ArticleId, out var positions)) byArticle[read.ArticleId] = positions = [];
            positions.Add(message.Position);
        }
        return byArticle;
    }

    private static ReadEvent? Parse(ReadEventMessage message, ILogger logger)
    {
        try
        {
            var read = message.Value is null ? null : JsonSerializer.Deserialize<ReadEvent>(message.Value);
            if (read is { ArticleId: > 0 }) return read;
        }
        catch (JsonException)
        {
        }
        logger.LogWarning("Skipped a malformed read event at {Topic}/{Partition}@{Offset}",
            message.Position.Topic, message.Position.Partition, message.Position.Offset);
        return null;
    }
}
