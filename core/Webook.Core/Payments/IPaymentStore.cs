namespace Webook.Core.Payments;

/// <summary>The payment records, their outbox and the index of payments waiting for an answer.</summary>
public interface IPaymentStore
{
    /// <summary>Records the payment (Init) unless it exists, and answers the one stored. Its pending mark comes first, so no payment escapes the sync job.</summary>
    Task<Payment> AddAsync(Payment payment, CancellationToken ct);

    Task<Payment?> GetAsync(string bizTradeNo, CancellationToken ct);

    Task SetCodeUrlAsync(string bizTradeNo, string codeUrl, CancellationToken ct);

    /// <summary>
    /// Moves the payment to <paramref name="status"/> with its event in one transaction, then relays the event; false when
    /// the payment does not exist or may not move there (already there or past it).
    /// </summary>
    Task<bool> MoveAsync(string bizTradeNo, PaymentStatus status, CancellationToken ct);

    /// <summary>The Success payments made in [from, to): a filtered scan of the whole table, for the reward reconciler.</summary>
    IAsyncEnumerable<Payment> SucceededBetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    /// <summary>Payments marked pending whose orders expired before <paramref name="before"/>, oldest first.</summary>
    Task<IReadOnlyList<PendingPayment>> PendingAsync(DateTimeOffset before, int limit, CancellationToken ct);

    /// <summary>Takes the pending mark off a payment that has its answer (or never got stored).</summary>
    Task ForgetPendingAsync(PendingPayment pending, CancellationToken ct);
}

/// <summary>A payment waiting for WeChat Pay's answer, by when its order expires; <see cref="Mark"/> names its index row.</summary>
public sealed record PendingPayment(string BizTradeNo, DateTimeOffset ExpireAt, string Mark);
