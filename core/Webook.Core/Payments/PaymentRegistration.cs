using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Payments.WeChatPay;

namespace Webook.Core.Payments;

/// <summary>Payments through WeChat Pay (issue 26): so far the API v3 client and its cryptography.</summary>
public static class PaymentRegistration
{
    public static void AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWebookOptions<WeChatPayOptions>(configuration, WeChatPayOptions.Section);
        services.AddSingleton<WeChatPaySignatures>();
        // No factory loggers: a request's log line would name its URL (order numbers); the client reports failures itself.
        services.AddHttpClient<IWeChatPay, WeChatPayClient>(client => client.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
    }
}
