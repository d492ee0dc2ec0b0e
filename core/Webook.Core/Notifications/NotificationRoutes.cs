using Webook.Core.Http;

namespace Webook.Core.Notifications;

/// <summary>The /notifications routes of api.md ("Feed, notifications and messages") and the event consumer's name.</summary>
public static class NotificationRoutes
{
    public const string List = "notifications";
    public const string Unread = "notifications/unread_cnt";
    public const string Read = "notifications/read";

    public static readonly IReadOnlyList<ApiRoute> All =
    [
        ApiRoute.For<NotificationHandlers, NoBody>(Names.List, ApiRoute.Get, List, "list notifications", RouteAuth.Access,
            (h, c) => h.ListAsync(c), data: typeof(List<NotificationView>)),
        ApiRoute.For<NotificationHandlers, NoBody>(Names.Unread, ApiRoute.Get, Unread, "count unread notifications", RouteAuth.Access,
            (h, c) => h.UnreadAsync(c), data: typeof(int)),
        ApiRoute.For<NotificationHandlers, ReadNotificationsRequest>(Names.Read, ApiRoute.Post, Read, "mark notifications read", RouteAuth.Access,
            (h, c) => h.ReadAsync(c)),
    ];

    public static class Names
    {
        public const string List = "NotificationList";
        public const string Unread = "NotificationUnread";
        public const string Read = "NotificationRead";
        /// <summary>The Function App's Kafka triggers that turn follow, comment, like and collect events into notifications.</summary>
        public const string FollowEvents = "NotificationFollowEvents";
        public const string CommentEvents = "NotificationCommentEvents";
        public const string InteractionEvents = "NotificationInteractionEvents";
    }
}
