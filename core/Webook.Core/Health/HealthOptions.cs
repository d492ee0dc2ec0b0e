namespace Webook.Core.Health;

public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>How long one dependency check may take before it counts as down.</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
