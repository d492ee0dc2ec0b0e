using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Payments.Storage;
using Webook.Core.Payments.WeChatPay;
using Webook.Core.Storage.Tables;

namespace Webook.Core.Payments;

/// <summary>Payments through WeChat Pay: the records and their events, the callback, the sync job and the API v3 client.</summary>
public static class PaymentRegistration
{
    public static void AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWebookOptions<WeChatPayOptions>(configuration, WeChatPayOptions.Section);
        services.AddWebookOptions<PaymentOptions>(configuration, PaymentOptions.Section);
        services.AddSingleton<WeChatPaySignatures>();
        // No factory loggers: a request's log line would name its URL (order numbers); the client reports failures itself.
        services.AddHttpClient<IWeChatPay, WeChatPayClient>(client => client.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        services.AddSingleton<IPaymentStore, TablePaymentStore>();
        services.AddSingleton(new OutboxTable(WebookTables.Payments));
        services.AddSingleton<PaymentService>();
        services.AddSingleton<PaymentSyncJob>();
        services.AddSingleton<PaymentNotifyHandlers>();
    }
}
