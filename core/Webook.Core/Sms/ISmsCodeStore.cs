namespace Webook.Core.Sms;

/// <summary>Codes per purpose and phone, with their send interval and attempt budget. Each call is atomic.</summary>
public interface ISmsCodeStore
{
    /// <summary>Stores a new code unless one was stored less than the resend interval ago; false then.</summary>
    Task<bool> TryStoreAsync(string purpose, string phone, string code, CancellationToken ct);

    /// <summary>Forgets <paramref name="code"/> if it is still the phone's current one, so a new code can be sent at once.</summary>
    Task ReleaseAsync(string purpose, string phone, string code, CancellationToken ct);

    /// <summary>True once for the right code within its lifetime and attempt budget; false otherwise.</summary>
    Task<bool> VerifyAsync(string purpose, string phone, string code, CancellationToken ct);
}
