using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Common;
using Webook.Core.Follows.Storage;

namespace Webook.Core.Follows;

public static class FollowRegistration
{
    public static void AddFollows(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWebookOptions<FollowOptions>(configuration, FollowOptions.Section);
        services.AddSingleton<FollowMetrics>();
        services.AddSingleton<IFollowStore, TableFollowStore>();
        services.AddSingleton<FollowGraph>();
        services.AddSingleton<FollowHandlers>();
    }
}
