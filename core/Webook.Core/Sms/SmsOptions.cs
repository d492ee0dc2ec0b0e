namespace Webook.Core.Sms;

public sealed class SmsOptions
{
    public const string Section = "Sms";

    /// <summary>
    /// The providers, by name: "logging" (development) and "acs". Empty means ["logging"]. The order is the rotation of
    /// <see cref="Governance.FailoverSmsSender"/>, not a priority: each send starts one provider further along and moves on
    /// to the next on failure.
    /// </summary>
    public string[] Providers { get; set; } = [];

    public IReadOnlyList<string> EffectiveProviders => Providers.Length > 0 ? Providers : ["logging"];
}
