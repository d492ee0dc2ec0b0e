using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Webook.Core.Common;

namespace Webook.Core.Accounts;

/// <summary>
/// The limits of failed password logins (docs/security.md, Password logins). Guessing is bounded per account and
/// client address, per account over all clients, and per client over all accounts; a client that keeps failing at
/// an account waits longer and longer between tries, while a client without failures there is never held back by
/// others' failures, only by the per-account ceiling.
/// </summary>
public sealed class LoginLimitOptions : IValidatableObject
{
    public const string Section = "Accounts:LoginLimits";

    /// <summary>Failed logins allowed per email address and client address in the window; then that client is refused for that email.</summary>
    [Range(1, int.MaxValue)]
    public int PerAccountClientLimit { get; set; } = 10;
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan PerAccountClientWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Failed logins allowed per email address (known or not) in the window, over all clients: the ceiling of guessing
    /// at one account (ASVS 2.2.1: at most 100 an hour). At the ceiling every password login of the email is refused.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int PerAccountLimit { get; set; } = 100;
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan PerAccountWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Failed logins allowed per client address in the window, over all emails.</summary>
    [Range(1, int.MaxValue)]
    public int PerClientLimit { get; set; } = 100;
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan PerClientWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failures of an email in its <see cref="PerAccountWindow"/> before clients with failures of their own at it must wait between tries.</summary>
    [Range(0, int.MaxValue)]
    public int DelayAfter { get; set; } = 5;

    /// <summary>The wait at <see cref="DelayAfter"/> failures; it doubles with each further failure of the email. Zero: no waits.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a client with failures at an email must wait after its newest try there, given the email's failures in the window.</summary>
    public TimeSpan DelayFor(int accountFailures)
    {
        if (accountFailures < DelayAfter || FirstDelay <= TimeSpan.Zero) return TimeSpan.Zero;
        var doublings = Math.Min(accountFailures - DelayAfter, 40);
        var delay = FirstDelay.TotalMilliseconds * Math.Pow(2, doublings);
        return delay >= MaxDelay.TotalMilliseconds ? MaxDelay : TimeSpan.FromMilliseconds(delay);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxDelay < FirstDelay)
            yield return new ValidationResult("Accounts:LoginLimits:MaxDelay must be at least Accounts:LoginLimits:FirstDelay.",
                [nameof(MaxDelay), nameof(FirstDelay)]);
    }
}

/// <summary>A login under way: the failure slots it holds until it succeeds.</summary>
public sealed record LoginAttempt(
    string AccountClientKey, string AccountClientEvent, string AccountKey, string AccountEvent, string ClientKey, string ClientEvent);

/// <summary>
/// Limits failed logins with the shared sliding-window limiter, in three logs: per (email, client address), per
/// email and per client address. A slot in each is taken before the password is checked, so a refused attempt costs
/// no hash and parallel guesses cannot overshoot; a login that succeeds gives its slots back. Once an email has
/// <see cref="LoginLimitOptions.DelayAfter"/> failures, a client that has failed at it too gets its next slot only
/// <see cref="LoginLimitOptions.DelayFor"/> after its newest one (refused before, never made to sleep); a client
/// that has not failed at the email is not delayed, so an attacker cannot lock its owner out below the ceiling.
/// </summary>
public sealed class LoginThrottle(ISlidingWindowLimiter limiter, IOptions<LoginLimitOptions> options)
{
    /// <summary>The attempt, or null when this client may not try this email now (or the email or the client has used up its failures).</summary>
    public async Task<LoginAttempt?> TryBeginAsync(string email, string clientAddress, CancellationToken ct)
    {
        var o = options.Value;
        var normalized = AccountFieldRules.NormalizeEmail(email);
        var accountKey = "login:account:" + normalized;
        // The address last: it never holds '|', so the key names one pair.
        var accountClientKey = "login:account-client:" + normalized + "|" + clientAddress;
        var clientKey = "login:client:" + clientAddress;

        var delay = o.DelayFor(o.FirstDelay > TimeSpan.Zero ? await limiter.CountAsync(accountKey, o.PerAccountWindow, ct) : 0);
        var accountClientEvent = await limiter.TryAcquireAsync(accountClientKey,
            new WindowLimit(o.PerAccountClientLimit, o.PerAccountClientWindow, MinSpacing: delay), ct);
        if (accountClientEvent is null) return null;

        var accountEvent = await limiter.TryAcquireAsync(accountKey, new WindowLimit(o.PerAccountLimit, o.PerAccountWindow), ct);
        if (accountEvent is null)
        {
            await limiter.ReleaseAsync(accountClientKey, accountClientEvent, CancellationToken.None);
            return null;
        }

        var clientEvent = await limiter.TryAcquireAsync(clientKey, new WindowLimit(o.PerClientLimit, o.PerClientWindow), ct);
        if (clientEvent is null)
        {
            await limiter.ReleaseAsync(accountKey, accountEvent, CancellationToken.None);
            await limiter.ReleaseAsync(accountClientKey, accountClientEvent, CancellationToken.None);
            return null;
        }
        return new LoginAttempt(accountClientKey, accountClientEvent, accountKey, accountEvent, clientKey, clientEvent);
    }

    public async Task SucceededAsync(LoginAttempt attempt, CancellationToken ct)
    {
        await limiter.ReleaseAsync(attempt.AccountClientKey, attempt.AccountClientEvent, ct);
        await limiter.ReleaseAsync(attempt.AccountKey, attempt.AccountEvent, ct);
        await limiter.ReleaseAsync(attempt.ClientKey, attempt.ClientEvent, ct);
    }
}
