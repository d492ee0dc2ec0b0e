using System.Text.Json.Serialization;

namespace Webook.Core.Interactions;

/// <summary>A reader opened a published article: <c>{uid, aid, at}</c> on the read-event topic (uid 0: not logged in).</summary>
public sealed record ReadEvent(
    [property: JsonPropertyName("uid")] long UserId,
    [property: JsonPropertyName("aid")] long ArticleId,
    [property: JsonPropertyName("at")] long At);

/// <summary>
/// One message as a consumer received it: its value as the broker holds it (the UTF-8 JSON of a <see cref="ReadEvent"/>,
/// null for a message without one) and where it sat. Both hosts get the bytes, so nothing decodes them to a string.
/// </summary>
public sealed record ReadEventMessage(EventPosition Position, byte[]? Value);

/// <summary>Hands read events to the broker without waiting for it; what cannot be delivered is logged and counted.</summary>
public interface IReadEventPublisher
{
    void Publish(ReadEvent read);
}
