using Webook.Core.Http;

namespace Webook.Core.Rewards;

/// <summary>The reward and wallet routes of api.md ("Reward and payment"), the payment-event consumer's name and the reconciler.</summary>
public static class RewardRoutes
{
    public const string Reward = "articles/pub/reward";
    public const string Detail = "reward/detail";
    public const string Wallet = "users/wallet";

    public static readonly IReadOnlyList<ApiRoute> All =
    [
        ApiRoute.For<RewardHandlers, RewardRequest>(Names.Reward, ApiRoute.Post, Reward, "reward article", RouteAuth.Access,
            (h, c) => h.RewardAsync(c), data: typeof(RewardView)),
        ApiRoute.For<RewardHandlers, RewardDetailRequest>(Names.Detail, ApiRoute.Post, Detail, "reward status", RouteAuth.Access,
            (h, c) => h.DetailAsync(c), data: typeof(string)),
        ApiRoute.For<WalletHandlers, NoBody>(Names.Wallet, ApiRoute.Get, Wallet, "wallet", RouteAuth.Access,
            (h, c) => h.WalletAsync(c), data: typeof(WalletView)),
    ];

    public static readonly ScheduledJobRoute Reconcile = new(Names.Reconcile, "Rewards:ReconcileSchedule");

    public static class Names
    {
        public const string Reward = "RewardArticle";
        public const string Detail = "RewardDetail";
        public const string Wallet = "UserWallet";
        /// <summary>The Function App's Kafka trigger that settles rewards from payment events.</summary>
        public const string PaymentEvents = "RewardPaymentEvents";
        /// <summary>The timer that checks rewards, payments and the ledger against each other.</summary>
        public const string Reconcile = "RewardReconcile";
    }
}
