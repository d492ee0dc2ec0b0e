namespace Webook.Core.Interactions;

/// <summary>
/// Receives every count change the table accepted, for a copy that can be read in bulk (the hot list's). Told after the
/// table write and without waiting: the copy keeps the highest version it was given, so the order of arrival is free.
/// </summary>
public interface ICountsMirror
{
    void Offer(InteractionCounts counts);
}
