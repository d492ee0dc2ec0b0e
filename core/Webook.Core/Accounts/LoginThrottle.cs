using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Webook.Core.Common;

namespace Webook.Core.Accounts;

public sealed class LoginLimitOptions
{
    public const string Section = "Accounts:LoginLimits";

    /// <summary>Failed logins allowed per email address (known or not) in the window.</summary>
    [Range(1, int.MaxValue)]
    public int PerAccountLimit { get; set; } = 10;
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan PerAccountWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failed logins allowed per client address in the window, over all emails.</summary>
    [Range(1, int.MaxValue)]
    public int PerClientLimit { get; set; } = 100;
    [Range(typeof(TimeSpan), "00:00:00.001", "365.00:00:00")]
    public TimeSpan PerClientWindow { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>A login under way: the failure slots it holds until it succeeds.</summary>
public sealed record LoginAttempt(string AccountKey, string AccountEvent, string ClientKey, string ClientEvent);

/// <summary>
/// Limits failed logins per account and per client address with the shared sliding-window limiter. A slot is
/// taken before the password is checked, so a refused attempt costs no hash and parallel guesses cannot
/// overshoot the limit; a login that succeeds gives its slots back.
/// </summary>
public sealed class LoginThrottle(ISlidingWindowLimiter limiter, IOptions<LoginLimitOptions> options)
{
    /// <summary>The attempt, or null when the account or the client has used up its failures.</summary>
    public async Task<LoginAttempt?> TryBeginAsync(string email, string clientAddress, CancellationToken ct)
    {
        var o = options.Value;
        var accountKey = "login:account:" + AccountFieldRules.NormalizeEmail(email);
        var accountEvent = await limiter.TryAcquireAsync(accountKey, new WindowLimit(o.PerAccountLimit, o.PerAccountWindow), ct);
        if (accountEvent is null) return null;

        var clientKey = "login:client:" + clientAddress;
        var clientEvent = await limiter.TryAcquireAsync(clientKey, new WindowLimit(o.PerClientLimit, o.PerClientWindow), ct);
        if (clientEvent is null)
        {
            await limiter.ReleaseAsync(accountKey, accountEvent, CancellationToken.None);
            return null;
        }
        return new LoginAttempt(accountKey, accountEvent, clientKey, clientEvent);
    }

    public async Task SucceededAsync(LoginAttempt attempt, CancellationToken ct)
    {
        await limiter.ReleaseAsync(attempt.AccountKey, attempt.AccountEvent, ct);
        await limiter.ReleaseAsync(attempt.ClientKey, attempt.ClientEvent, ct);
    }
}
