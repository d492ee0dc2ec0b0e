using Webook.Core.Http;

namespace Webook.Core.Payments;

/// <summary>WeChat Pay's callback route of api.md ("Reward and payment") and the sync job.</summary>
public static class PaymentRoutes
{
    public const string Notify = "pay/wechat/notify";

    // No token: WeChat Pay signs the callback, and the handler checks that signature.
    public static readonly IReadOnlyList<ApiRoute> All =
    [
        ApiRoute.For<PaymentNotifyHandlers, NoBody>(Names.Notify, ApiRoute.Post, Notify, "wechat pay callback", RouteAuth.None, (h, c) => h.NotifyAsync(c)),
    ];

    public static readonly ScheduledJobRoute Sync = new(Names.Sync, "Payments:SyncSchedule");

    public static class Names
    {
        public const string Notify = "PaymentNotify";
        /// <summary>The timer that asks WeChat Pay after payments whose callbacks did not come.</summary>
        public const string Sync = "PaymentSync";
    }
}
