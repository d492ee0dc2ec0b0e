using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Webook.Core.Accounts;
using Webook.Core.Common;
using Webook.Core.Follows;
using Webook.Core.Http;

namespace Webook.Core.Messages;

/// <summary>
/// Messages between friends (each follows the other): send, poll a chat for what is newer than a time, and list the
/// conversations with their unread counts. Polling is the contract; docs/messages.md says where a push would plug in.
/// </summary>
public sealed class MessageHandlers(IMessageStore store, FollowGraph follows, UserProfiles users, ISlidingWindowLimiter limiter,
    IOptions<MessageOptions> options)
{
    public const int MaxContentLength = 1000;

    public async Task<IResult> SendAsync(RouteCall<SendMessageRequest> call)
    {
        var (body, me, ct) = (call.Body, call.User.UserId, call.Ct);
        if ((CheckUser(body.To, "to") ?? CheckContent(body.Content)) is { } problem) return ApiResults.Refused(problem);
        var to = body.To!.Value;
        if (to == me) return ApiResults.Refused("You cannot send a message to yourself.");
        var (mine, theirs) = (follows.IsFollowingAsync(me, to, ct), follows.IsFollowingAsync(to, me, ct));
        if (!(await mine && await theirs)) return ApiResults.Refused("Messages go to friends only: you and they follow each other.");
        var settings = options.Value;
        if (await limiter.TryAcquireAsync($"messages:user:{me}", new WindowLimit(settings.FloodLimit, settings.FloodWindow), ct) is null)
            return ApiResults.Refused("You are sending messages too often; please wait a moment.");
        return ApiResults.Ok((await store.SendAsync(me, to, body.Content!, ct)).Id);
    }

    public async Task<IResult> ChatAsync(RouteCall<NoBody> call)
    {
        var (me, ct) = (call.User.UserId, call.Ct);
        if ((QueryNumbers.Read(call.Request, "with", out var with) ?? CheckUser(with, "with")) is { } problem) return ApiResults.Refused(problem);
        if (QueryNumbers.Read(call.Request, "after", out var after) is { } afterProblem) return ApiResults.Refused(afterProblem);
        if (after is < 0) return ApiResults.Refused("after is a time in Unix milliseconds, 0 or more.");
        var page = await store.ChatAsync(me, with!.Value, after ?? 0, options.Value.ChatPage, ct);
        return ApiResults.Ok(page.Select(m => new MessageView(m.Id, m.From, m.To, m.Content, m.Ctime)).ToList());
    }

    public async Task<IResult> ConversationsAsync(RouteCall<NoBody> call)
    {
        var conversations = await store.ConversationsAsync(call.User.UserId, options.Value.UnreadCap, call.Ct);
        var profiles = await Task.WhenAll(conversations.Select(c => users.FindByIdAsync(c.With, call.Ct)));
        return ApiResults.Ok(conversations.Select((c, i) => new ConversationView(new ConversationUserView(c.With, UserDisplayName.Of(profiles[i])),
            new LastMessageView(c.Last.Id, c.Last.From, c.Last.Content, c.Last.Ctime), c.Unread)).ToList());
    }

    private static string? CheckUser(long? id, string field) =>
        id is null ? $"Say whom: {field}." : id is < 1 or > ArticleIds.Max ? $"{field} must be a user id: a positive integer below 2^53." : null;

    private static string? CheckContent(string? content)
    {
        if (string.IsNullOrWhiteSpace(content)) return "A message needs some text.";
        var characters = 0;
        foreach (var _ in content.EnumerateRunes())
            if (++characters > MaxContentLength) return $"A message is at most {MaxContentLength} characters.";
        return null;
    }
}
