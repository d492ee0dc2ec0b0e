using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Webook.Core.Sms;

public enum SendCodeResult
{
    Sent,
    TooFrequent,
}

/// <summary>One-time codes by SMS: a 6-digit code per purpose and phone, sent at most once per interval.</summary>
public sealed class SmsCodeService(ISmsCodeStore codes, ISmsSender sender, IOptions<SmsCodeOptions> options)
{
    public async Task<SendCodeResult> SendAsync(string purpose, string phone, CancellationToken ct)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        if (!await codes.TryStoreAsync(purpose, phone, code, ct)) return SendCodeResult.TooFrequent;
        var text = string.Format(CultureInfo.InvariantCulture, options.Value.MessageTemplate, code);
        await sender.SendAsync(new SmsMessage(phone, text), ct);
        return SendCodeResult.Sent;
    }

    public Task<bool> VerifyAsync(string purpose, string phone, string code, CancellationToken ct) =>
        codes.VerifyAsync(purpose, phone, code, ct);
}
