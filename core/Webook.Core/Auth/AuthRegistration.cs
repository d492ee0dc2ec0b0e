using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Auth.Storage;

namespace Webook.Core.Auth;

public static class AuthRegistration
{
    public static void AddAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWebookOptions<AuthOptions>(configuration, AuthOptions.Section);
        services.AddSingleton<TokenService>();
        services.AddSingleton<ISessionRevocations, RedisSessionRevocations>();
        services.AddSingleton<IRefreshTokenStore, RedisRefreshTokenStore>();
        services.AddSingleton<Authenticator>();
    }
}
