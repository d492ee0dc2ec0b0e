using System.Buffers;
using System.Runtime.InteropServices;
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
    public static Dictionary<long, EventPosition[]> ByArticle(IReadOnlyList<ReadEventMessage> batch, ILogger logger)
    {
        var articleOf = ArrayPool<long>.Shared.Rent(batch.Count);
        try
        {
            // First each event's article and how many events each article has...
            var counts = new Dictionary<long, int>();
            for (var i = 0; i < batch.Count; i++)
            {
                var article = articleOf[i] = ArticleOf(batch[i].Value);
                if (article > 0) CollectionsMarshal.GetValueRefOrAddDefault(counts, article, out _)++;
                else Skipped(batch[i].Position, logger);
            }

            // ...then each article's positions in an array of its exact size, in the batch's order.
            var byArticle = new Dictionary<long, EventPosition[]>(counts.Count);
            foreach (var (article, count) in counts) byArticle[article] = new EventPosition[count];
            for (var i = 0; i < batch.Count; i++)
            {
                if (articleOf[i] <= 0) continue;
                var positions = byArticle[articleOf[i]];
                ref var left = ref CollectionsMarshal.GetValueRefOrNullRef(counts, articleOf[i]);
                positions[positions.Length - left--] = batch[i].Position;
            }
            return byArticle;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(articleOf);
        }
    }

    /// <summary>
    /// The article id of one event, or 0 where JsonSerializer.Deserialize&lt;ReadEvent&gt; would fail or give no
    /// article: the same reading of the same JSON (an object; uid, aid and at, case-sensitive, integers that fit a
    /// long; other members skipped), without building the ReadEvent only to take one field of it.
    /// </summary>
    private static long ArticleOf(byte[]? value)
    {
        if (value is null) return 0;
        try
        {
            var reader = new Utf8JsonReader(value);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return 0;
            long article = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isArticle = reader.ValueTextEquals("aid"u8);
                var isField = isArticle || reader.ValueTextEquals("uid"u8) || reader.ValueTextEquals("at"u8);
                reader.Read();
                if (!isField) reader.Skip();
                else if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var number)) return 0;
                else if (isArticle) article = number;
            }
            // The object is whole and nothing but white space follows it.
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() ? article : 0;
        }
        catch (JsonException)
        {
            return 0;
        }
    }

    private static void Skipped(EventPosition position, ILogger logger) =>
        logger.LogWarning("Skipped a malformed read event at {Topic}/{Partition}@{Offset}", position.Topic, position.Partition, position.Offset);
}
