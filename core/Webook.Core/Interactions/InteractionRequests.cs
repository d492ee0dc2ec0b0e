namespace Webook.Core.Interactions;

public sealed class LikeRequest
{
    public long? Id { get; set; }
    /// <summary>True to like, false to take the like back.</summary>
    public bool? Like { get; set; }
}

public sealed class CollectRequest
{
    public long? Id { get; set; }
    /// <summary>The collection; 0 is the default one.</summary>
    public long? Cid { get; set; }
    /// <summary>False removes the article from the collection; absent means true.</summary>
    public bool? Collect { get; set; }
}
