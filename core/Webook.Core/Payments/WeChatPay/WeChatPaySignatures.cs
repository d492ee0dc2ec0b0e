using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Webook.Core.Payments.WeChatPay;

/// <summary>
/// WeChat Pay API v3's cryptography with System.Security.Cryptography: requests signed SHA256-RSA2048 (PKCS#1 v1.5) over
/// "METHOD\nURL\ntimestamp\nnonce\nbody\n" with the merchant's key; answers and callbacks verified over
/// "timestamp\nnonce\nbody\n" with the platform key the serial names, and refused when their timestamp is further than
/// WeChatPay:SignatureMaxAge from now; callback resources decrypted with AEAD_AES_256_GCM under the APIv3 key.
/// </summary>
public sealed class WeChatPaySignatures : IDisposable
{
    public const string Scheme = "WECHATPAY2-SHA256-RSA2048";
    private readonly WeChatPayOptions _options;
    private readonly TimeProvider _time;
    private readonly Lazy<RSA> _merchantKey;
    private readonly Lazy<RSA> _platformKey;

    public WeChatPaySignatures(IOptions<WeChatPayOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _merchantKey = new Lazy<RSA>(() => Imported(_options.MerchantPrivateKey));
        _platformKey = new Lazy<RSA>(() => Imported(_options.PlatformPublicKey));
    }

    /// <summary>The Authorization header of a request: <paramref name="url"/> is its path and query.</summary>
    public string Authorization(string method, string url, string body)
    {
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var signature = Convert.ToBase64String(_merchantKey.Value.SignData(Encoding.UTF8.GetBytes($"{method}\n{url}\n{timestamp}\n{nonce}\n{body}\n"),
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        return $"{Scheme} mchid=\"{_options.MchId}\",nonce_str=\"{nonce}\",signature=\"{signature}\",timestamp=\"{timestamp}\",serial_no=\"{_options.MerchantSerialNo}\"";
    }

    /// <summary>Whether WeChat Pay signed <paramref name="body"/> (an answer or a callback), with the platform key, recently.</summary>
    public bool Verify(string? timestamp, string? nonce, string? signature, string? serial, string body)
    {
        if (timestamp is null || nonce is null || signature is null || serial != _options.PlatformSerialNo) return false;
        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)) return false;
        if ((_time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > _options.SignatureMaxAge) return false;
        Span<byte> decoded = stackalloc byte[512];
        if (!Convert.TryFromBase64String(signature, decoded, out var length)) return false;
        return _platformKey.Value.VerifyData(Encoding.UTF8.GetBytes($"{timestamp}\n{nonce}\n{body}\n"), decoded[..length],
            HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>A callback's resource in plain text, or null when it does not decrypt (forged, or another APIv3 key).</summary>
    public string? Decrypt(string ciphertext, string nonce, string associatedData)
    {
        try
        {
            var sealedBytes = Convert.FromBase64String(ciphertext);
            if (sealedBytes.Length < 16) return null;
            var plain = new byte[sealedBytes.Length - 16];
            using var aes = new AesGcm(Encoding.UTF8.GetBytes(_options.ApiV3Key), 16);
            aes.Decrypt(Encoding.UTF8.GetBytes(nonce), sealedBytes.AsSpan(0, plain.Length), sealedBytes.AsSpan(plain.Length), plain,
                Encoding.UTF8.GetBytes(associatedData));
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
        {
            return null;
        }
    }

    private static RSA Imported(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa;
    }

    public void Dispose()
    {
        if (_merchantKey.IsValueCreated) _merchantKey.Value.Dispose();
        if (_platformKey.IsValueCreated) _platformKey.Value.Dispose();
    }
}
