using Webook.Core.Http;

namespace Webook.Core.Sms;

/// <summary>The SMS outbox's retry timer (the SMS login routes are the account's: AccountRoutes).</summary>
public static class SmsRoutes
{
    public static readonly ScheduledJobRoute Retry = new(Names.SmsRetry, "Sms:Retry:Schedule");

    public static class Names
    {
        public const string SmsRetry = "SmsRetry";
    }
}
