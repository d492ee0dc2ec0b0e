namespace Webook.Core.Common;

/// <summary>
/// Tells every instance that a cached key changed. Delivery is at most once: <paramref name="lost"/> of
/// <see cref="Listen"/> is called whenever messages may have been missed, so listeners can drop everything.
/// </summary>
public interface IInvalidationBus
{
    /// <summary>Announces a change to every instance, this one included; does not wait.</summary>
    void Publish(string key);

    /// <summary>Whether announcements reach this instance right now.</summary>
    bool IsListening { get; }

    void Listen(Action<string> changed, Action lost);
}
