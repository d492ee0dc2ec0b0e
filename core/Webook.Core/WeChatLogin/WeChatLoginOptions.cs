using System.ComponentModel.DataAnnotations;

namespace Webook.Core.WeChatLogin;

/// <summary>WeChat QR login (website application, OAuth 2.0 authorization code). Empty AppId: WeChat login is off.</summary>
public sealed class WeChatLoginOptions : IValidatableObject
{
    public const string Section = "WeChat";

    public string AppId { get; set; } = "";

    /// <summary>A secret: a Key Vault reference on Azure; never logged.</summary>
    public string AppSecret { get; set; } = "";

    /// <summary>Where WeChat sends the browser back with the code: this app's /oauth2/wechat/callback as the client reaches it.</summary>
    public string RedirectUri { get; set; } = "";

    /// <summary>The QR-connect page the client navigates to (a local fake WeChat in development).</summary>
    [Required]
    public string QrConnectUrl { get; set; } = "https://open.weixin.qq.com/connect/qrconnect";

    /// <summary>WeChat's API, where codes are exchanged (sns/oauth2/access_token).</summary>
    [Required]
    public string ApiBaseUrl { get; set; } = "https://api.weixin.qq.com/";

    /// <summary>The HS256 key of the state cookie (at least 32 bytes), its own, not a token key; a secret.</summary>
    public string StateKey { get; set; } = "";

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The state cookie's Secure flag; unset: on, except in the Development environment (plain http://localhost).</summary>
    public bool? CookieSecure { get; set; }

    /// <summary>The deadline of one call to WeChat's API; below Http:RequestTimeout, so a hanging WeChat answers code 5 in time.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    public bool Enabled => AppId.Length > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        if (AppSecret.Length == 0) yield return new ValidationResult("WeChat:AppSecret is needed with WeChat:AppId.", [nameof(AppSecret)]);
        if (!Uri.TryCreate(RedirectUri, UriKind.Absolute, out _)) yield return new ValidationResult("WeChat:RedirectUri must be an absolute URL.", [nameof(RedirectUri)]);
        if (!Uri.TryCreate(QrConnectUrl, UriKind.Absolute, out _)) yield return new ValidationResult("WeChat:QrConnectUrl must be an absolute URL.", [nameof(QrConnectUrl)]);
        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out _)) yield return new ValidationResult("WeChat:ApiBaseUrl must be an absolute URL.", [nameof(ApiBaseUrl)]);
        if (System.Text.Encoding.UTF8.GetByteCount(StateKey) < 32) yield return new ValidationResult("WeChat:StateKey must be at least 32 bytes.", [nameof(StateKey)]);
    }
}
