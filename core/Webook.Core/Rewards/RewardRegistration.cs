using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Rewards.Kafka;
using Webook.Core.Rewards.Storage;

namespace Webook.Core.Rewards;

/// <summary>Rewards of authors, paid through Payments, and the ledger of what accounts earned.</summary>
public static class RewardRegistration
{
    public static void AddRewards(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWebookOptions<RewardOptions>(configuration, RewardOptions.Section);
        services.AddSingleton<IRewardStore, TableRewardStore>();
        services.AddSingleton<ILedger, TableLedger>();
        services.AddSingleton<RewardStatusCache>();
        services.AddSingleton<RewardSettlement>();
        services.AddSingleton<RewardPaymentEvents>();
        services.AddSingleton<KafkaRewardConsumer>();
        services.AddSingleton<RewardReconciler>();
        services.AddSingleton<RewardHandlers>();
        services.AddSingleton<WalletHandlers>();
    }
}
