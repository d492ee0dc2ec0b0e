using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Sms.Providers;

public sealed class AcsSmsOptions
{
    public const string Section = "Sms:Acs";

    /// <summary>endpoint=https://&lt;resource&gt;.communication.azure.com/;accesskey=&lt;base64&gt;. A secret: Key Vault reference in Azure.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The sending number (E.164) leased in the ACS resource.</summary>
    public string From { get; set; } = "";

    [Range(0, 100)]
    public int MaxRetries { get; set; } = 2;
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
