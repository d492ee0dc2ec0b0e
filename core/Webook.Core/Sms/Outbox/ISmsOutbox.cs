using Azure;

namespace Webook.Core.Sms.Outbox;

/// <summary>A stored message a worker has claimed: it alone may send it until the lease ends.</summary>
public sealed record ClaimedSms(string Id, SmsMessage Message, int Attempt, ETag ETag);

/// <summary>Messages accepted for later delivery, kept in durable storage.</summary>
public interface ISmsOutbox
{
    Task AddAsync(SmsMessage message, CancellationToken ct);

    /// <summary>Claims up to <paramref name="max"/> messages that are due; a message another worker claimed first is skipped.</summary>
    Task<IReadOnlyList<ClaimedSms>> ClaimDueAsync(int max, CancellationToken ct);

    Task MarkSentAsync(ClaimedSms claim, CancellationToken ct);

    /// <summary>Messages not yet sent nor given up, due or not.</summary>
    Task<int> CountPendingAsync(CancellationToken ct);

    /// <summary>Puts the message back for a later attempt, or marks it failed after the last one.</summary>
    Task ReleaseAsync(ClaimedSms claim, CancellationToken ct);
}
