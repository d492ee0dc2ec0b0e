using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Webook.Core.Accounts.Storage;

namespace Webook.Core.Accounts;

public static class AccountRegistration
{
    public static void AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWebookOptions<AccountOptions>(configuration, AccountOptions.Section);
        services.AddOptions<PasswordHasherOptions>()
            .Configure<IOptions<AccountOptions>>((hasher, accounts) => hasher.IterationCount = accounts.Value.PasswordHashIterations);
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<IUserStore, TableUserStore>();
        services.AddSingleton<IUserCache, RedisUserCache>();
        services.AddSingleton<UserProfiles>();
        services.AddWebookOptions<LoginLimitOptions>(configuration, LoginLimitOptions.Section);
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<UserService>();
        services.AddSingleton<UserHandlers>();
        services.AddSingleton<SmsLoginHandlers>();
    }
}
