using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Payments;

/// <summary>The merchant's WeChat Pay API v3 settings (Native payments). Empty MchId: payments are off.</summary>
public sealed class WeChatPayOptions : IValidatableObject
{
    public const string Section = "WeChatPay";

    public string MchId { get; set; } = "";

    /// <summary>The AppID the merchant pays for (the website application's).</summary>
    public string AppId { get; set; } = "";

    /// <summary>The serial number of the merchant's API certificate, named in every request's Authorization header.</summary>
    public string MerchantSerialNo { get; set; } = "";

    /// <summary>The merchant's RSA private key, PEM (PKCS#8); a secret (Key Vault on Azure), never logged.</summary>
    public string MerchantPrivateKey { get; set; } = "";

    /// <summary>WeChat Pay's platform public key, PEM: every answer and callback is verified with it before it is trusted.</summary>
    public string PlatformPublicKey { get; set; } = "";

    /// <summary>The serial (or public key id) WeChat Pay names in Wechatpay-Serial for that key.</summary>
    public string PlatformSerialNo { get; set; } = "";

    /// <summary>The APIv3 key (32 characters) that decrypts callbacks; a secret.</summary>
    public string ApiV3Key { get; set; } = "";

    /// <summary>Where WeChat Pay sends payment callbacks: this app's /pay/wechat/notify as WeChat reaches it.</summary>
    public string NotifyUrl { get; set; } = "";

    [Required]
    public string ApiBaseUrl { get; set; } = "https://api.mch.weixin.qq.com/";

    /// <summary>The deadline of one call to WeChat Pay.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>An order's time_expire: how long its QR code can be paid.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan OrderLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>An answer or callback whose Wechatpay-Timestamp is further than this from now is refused (replay).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SignatureMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    public bool Enabled => MchId.Length > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        foreach (var (value, name) in new[] { (AppId, nameof(AppId)), (MerchantSerialNo, nameof(MerchantSerialNo)), (MerchantPrivateKey, nameof(MerchantPrivateKey)),
                     (PlatformPublicKey, nameof(PlatformPublicKey)), (PlatformSerialNo, nameof(PlatformSerialNo)) })
            if (value.Length == 0) yield return new ValidationResult($"WeChatPay:{name} is needed with WeChatPay:MchId.", [name]);
        if (System.Text.Encoding.UTF8.GetByteCount(ApiV3Key) != 32) yield return new ValidationResult("WeChatPay:ApiV3Key must be 32 bytes.", [nameof(ApiV3Key)]);
        if (!Uri.TryCreate(NotifyUrl, UriKind.Absolute, out _)) yield return new ValidationResult("WeChatPay:NotifyUrl must be an absolute URL.", [nameof(NotifyUrl)]);
        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out _)) yield return new ValidationResult("WeChatPay:ApiBaseUrl must be an absolute URL.", [nameof(ApiBaseUrl)]);
    }
}
