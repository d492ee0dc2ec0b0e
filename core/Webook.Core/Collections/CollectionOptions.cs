using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Collections;

public sealed class CollectionOptions
{
    public const string Section = "Collections";

    /// <summary>Tries of a write that lost a race on the collection's count row to another instance (ETag conflicts).</summary>
    [Range(1, 100)]
    public int WriteAttempts { get; set; } = 10;

    /// <summary>Largest random pause before retrying a conflicting write.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan ConflictBackoff { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How many collections one user may have, the default one included: the list is one partition scan.</summary>
    [Range(1, 10_000)]
    public int MaxPerUser { get; set; } = 100;

    /// <summary>
    /// A deletion left unfinished this long (its process stopped) is finished by the owner's next collection list.
    /// Longer than any deletion takes while its process runs.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RepairAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Point reads of listed articles at once.</summary>
    [Range(1, 256)]
    public int ReadConcurrency { get; set; } = 16;
}
