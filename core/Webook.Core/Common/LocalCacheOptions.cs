using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Common;

public sealed class LocalCacheOptions
{
    public const string Section = "LocalCache";

    /// <summary>
    /// How long an instance keeps its own copy of a published article, a profile or an article's counts. A change anywhere drops the copy
    /// in every instance at once; this bounds how stale a copy can get when that announcement is lost. Zero turns
    /// the in-process copies off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many copies an instance keeps at most.</summary>
    [Range(1, int.MaxValue)]
    public int MaxEntries { get; set; } = 10_000;
}
