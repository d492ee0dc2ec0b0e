using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Ranking;

public sealed class HotListOptions
{
    public const string Section = "HotList";

    /// <summary>NCRONTAB with seconds: the Functions timer (%HotList:Schedule%) and Webook.Server's scheduler.</summary>
    [Required]
    public string Schedule { get; set; } = "0 */1 * * * *";

    /// <summary>Only articles published (last updated) this recently compete.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How many articles the list keeps.</summary>
    [Range(1, 10_000)]
    public int Size { get; set; } = 100;

    /// <summary>Exponent of the age penalty in (likes - 1) / (hours + 2) ^ gravity.</summary>
    [Range(0.0, 10.0)]
    public double Gravity { get; set; } = 1.5;

    /// <summary>Published articles read from the table per page (one table call) when the job rebuilds its candidates.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 1000;

    /// <summary>
    /// How often the job rebuilds its candidates from the published table and the counts mirror even though its journal
    /// is whole; between rebuilds a run reads only what changed. The rebuild also refreshes the authors' names.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan RebuildInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Point reads (counts rows the mirror lacks, published rows) made at the same time.</summary>
    [Range(1, 256)]
    public int ReadConcurrency { get; set; } = 16;

    /// <summary>How long an instance serves its in-process copy before it looks in Redis again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan LocalCacheLifetime { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the computing instance's lease lasts unless renewed (a third of it is the renewal period).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each Webook.Server instance publishes its load.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan LoadReportInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A load report older than this belongs to an instance that is gone.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan LoadReportLifetime { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>An instance may take the lease when its load is at most the least reported load plus this (percent points).</summary>
    [Range(0.0, 100.0)]
    public double TakeMargin { get; set; } = 10;

    /// <summary>
    /// The holder hands the lease over after a run when its load exceeds the least other load by more than
    /// this. Above <see cref="TakeMargin"/>, so that the lease does not flap between two instances.
    /// </summary>
    [Range(-1.0, 100.0)]
    public double HandoverMargin { get; set; } = 30;

    /// <summary>A fixed load to report instead of the process's CPU use (percent); empty measures the CPU.</summary>
    [Range(0.0, 100.0)]
    public double? FixedLoad { get; set; }
}
