using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Common;
using Webook.Core.Messages.Storage;

namespace Webook.Core.Messages;

/// <summary>Messages between friends (Follows' graph says who they are).</summary>
public static class MessageRegistration
{
    public static void AddMessages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWebookOptions<MessageOptions>(configuration, MessageOptions.Section);
        services.AddSingleton<IMessageStore, TableMessageStore>();
        services.AddSingleton<MessageHandlers>();
    }
}
