using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Common;
using Webook.Core.Notifications.Kafka;
using Webook.Core.Notifications.Storage;

namespace Webook.Core.Notifications;

public static class NotificationRegistration
{
    public static void AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWebookOptions<NotificationOptions>(configuration, NotificationOptions.Section);
        services.AddSingleton<INotificationStore, TableNotificationStore>();
        services.AddSingleton<NotificationEvents>();
        services.AddSingleton<KafkaNotificationConsumer>();
        services.AddSingleton<NotificationHandlers>();
    }
}
