namespace Webook.Core.Collections;

public sealed class SaveCollectionRequest
{
    /// <summary>Absent: a new collection; else the collection to rename (0 is the default one).</summary>
    public long? Id { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
}

public sealed class CollectionIdRequest
{
    public long? Id { get; set; }
}

public sealed class MoveRequest
{
    /// <summary>The article.</summary>
    public long? Id { get; set; }
    public long? From { get; set; }
    public long? To { get; set; }
}

/// <summary><c>{id, name, description, count, ctime}</c>; ctime in Unix ms (0 for a default collection never used).</summary>
public sealed record CollectionView(long Id, string Name, string Description, long Count, long Ctime);

/// <summary>An article in a reader's list: <c>{id, title, abstract, author: {id, name}, utime}</c>.</summary>
public sealed record ListedArticleView(long Id, string Title, string Abstract, ListedAuthorView Author, long Utime);

public sealed record ListedAuthorView(long Id, string Name);
