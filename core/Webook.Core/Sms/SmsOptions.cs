namespace Webook.Core.Sms;

public sealed class SmsOptions
{
    public const string Section = "Sms";

    /// <summary>Providers in failover order, by name: "logging" (development) and "acs". Empty means ["logging"].</summary>
    public string[] Providers { get; set; } = [];

    public IReadOnlyList<string> EffectiveProviders => Providers.Length > 0 ? Providers : ["logging"];
}
