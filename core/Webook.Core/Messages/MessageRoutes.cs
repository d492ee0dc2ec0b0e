using Webook.Core.Http;

namespace Webook.Core.Messages;

/// <summary>The /message routes of api.md ("Feed, notifications and messages").</summary>
public static class MessageRoutes
{
    public const string Send = "message/send";
    public const string Chat = "message/chat";
    public const string Conversations = "message/conversations";

    public static readonly IReadOnlyList<ApiRoute> All =
    [
        ApiRoute.For<MessageHandlers, SendMessageRequest>(Names.Send, ApiRoute.Post, Send, "send message", RouteAuth.Access,
            (h, c) => h.SendAsync(c), data: typeof(long)),
        ApiRoute.For<MessageHandlers, NoBody>(Names.Chat, ApiRoute.Get, Chat, "poll chat", RouteAuth.Access,
            (h, c) => h.ChatAsync(c), data: typeof(List<MessageView>)),
        ApiRoute.For<MessageHandlers, NoBody>(Names.Conversations, ApiRoute.Get, Conversations, "list conversations", RouteAuth.Access,
            (h, c) => h.ConversationsAsync(c), data: typeof(List<ConversationView>)),
    ];

    public static class Names
    {
        public const string Send = "MessageSend";
        public const string Chat = "MessageChat";
        public const string Conversations = "MessageConversations";
    }
}
