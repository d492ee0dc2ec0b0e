namespace Webook.Core.Sms;

/// <summary>One text message to one phone (E.164, e.g. +8613800138000).</summary>
public sealed record SmsMessage(string Phone, string Text);

/// <summary>
/// Sends a text message. Providers implement it; the failover sender (rate limit, failover, health judge)
/// and the outbox sender wrap them. Throws on failure; honours the caller's cancellation.
/// </summary>
public interface ISmsSender
{
    /// <summary>A stable name for logs, health and configuration ("logging", "acs").</summary>
    string Name { get; }

    Task SendAsync(SmsMessage message, CancellationToken ct);
}

/// <summary>The sender refused the message because too many were sent recently.</summary>
public sealed class SmsRateLimitedException(string message) : Exception(message);

/// <summary>No provider could take the message now (all failed or are judged down).</summary>
public sealed class SmsUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
