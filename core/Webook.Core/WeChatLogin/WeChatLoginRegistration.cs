using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Webook.Core.WeChatLogin;

public static class WeChatLoginRegistration
{
    public static void AddWeChatLogin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWebookOptions<WeChatLoginOptions>(configuration, WeChatLoginOptions.Section);
        services.AddSingleton<WeChatState>();
        // No loggers on this client: the factory's would log the request URL, which carries the code and the secret.
        services.AddHttpClient<IWeChatOAuth, WeChatOAuthClient>(client => client.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        services.AddSingleton<WeChatLoginHandlers>();
    }
}
