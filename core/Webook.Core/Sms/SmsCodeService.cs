using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Common;

namespace Webook.Core.Sms;

public enum SendCodeResult
{
    Sent,
    /// <summary>This phone got a code less than the resend interval ago.</summary>
    TooFrequent,
    /// <summary>The client's limit or the global budget is spent.</summary>
    TooMany,
}

/// <summary>
/// One-time codes by SMS: a 6-digit code per purpose and phone, sent at most once per interval, within a
/// limit per client address and a global budget. A send that fails gives back what it took, so the phone
/// can ask again at once.
/// </summary>
public sealed class SmsCodeService(ISmsCodeStore codes, ISmsSender sender, ISlidingWindowLimiter limiter,
    IOptions<SmsCodeOptions> options, IOptions<SmsSendLimitOptions> limits, ILogger<SmsCodeService> logger)
{
    private const string BudgetKey = "sms:budget";

    public async Task<SendCodeResult> SendAsync(string purpose, string phone, string clientAddress, CancellationToken ct)
    {
        if (await limiter.TryAcquireAsync("sms:client:" + clientAddress, limits.Value.PerClient, ct) is null) return SendCodeResult.TooMany;

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        if (!await codes.TryStoreAsync(purpose, phone, code, ct)) return SendCodeResult.TooFrequent;

        var budget = await limiter.TryAcquireAsync(BudgetKey, limits.Value.Global, ct);
        if (budget is null)
        {
            await codes.ReleaseAsync(purpose, phone, code, CancellationToken.None);
            return SendCodeResult.TooMany;
        }

        var text = options.Value.MessageFor(code);
        try
        {
            await sender.SendAsync(new SmsMessage(phone, text), ct);
        }
        catch
        {
            await GiveBackAsync(purpose, phone, code, budget);
            throw;
        }
        return SendCodeResult.Sent;
    }

    public Task<bool> VerifyAsync(string purpose, string phone, string code, CancellationToken ct) =>
        codes.VerifyAsync(purpose, phone, code, ct);

    // Neither sent nor stored for later: the phone may ask again at once, and the budget was not spent.
    private async Task GiveBackAsync(string purpose, string phone, string code, string budget)
    {
        try
        {
            await codes.ReleaseAsync(purpose, phone, code, CancellationToken.None);
            await limiter.ReleaseAsync(BudgetKey, budget, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not release the code of a failed send; the phone waits out the resend interval");
        }
    }
}
