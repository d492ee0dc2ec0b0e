using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Health;

public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>How long one dependency check may take before it counts as down.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
