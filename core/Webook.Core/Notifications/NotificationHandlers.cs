using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Webook.Core.Accounts;
using Webook.Core.Common;
using Webook.Core.Http;

namespace Webook.Core.Notifications;

/// <summary>GET /notifications (newest first, before a time), GET /notifications/unread_cnt, POST /notifications/read.</summary>
public sealed class NotificationHandlers(INotificationStore store, UserProfiles users, INotifiedArticles articles, TimeProvider time,
    IOptions<NotificationOptions> options)
{
    public async Task<IResult> ListAsync(RouteCall<NoBody> call)
    {
        var (request, me, ct) = (call.Request, call.User.UserId, call.Ct);
        if (QueryNumbers.Read(request, "timestamp", out var timestamp) is { } problem) return ApiResults.Refused(problem);
        if (timestamp is < 0) return ApiResults.Refused("timestamp is a time in Unix milliseconds, 0 or more.");
        if (QueryNumbers.Read(request, "limit", out var limit) is { } limitProblem) return ApiResults.Refused(limitProblem);
        if (limit is null or < 1 or > 100) return ApiResults.Refused("Limit must be 1 to 100.");
        var page = await store.ListAsync(me, timestamp ?? time.GetUtcNow().ToUnixTimeMilliseconds(), (int)limit.Value, ct);
        var actors = page.Select(n => n.ActorId).Distinct().ToList();
        var titling = articles.TitlesAsync(page.Select(n => n.ArticleId).OfType<long>().Distinct().ToList(), ct);
        var profiles = await Task.WhenAll(actors.Select(id => users.FindByIdAsync(id, ct)));
        var names = actors.Select((id, i) => (id, UserDisplayName.Of(profiles[i]))).ToDictionary(p => p.id, p => p.Item2);
        var titles = await titling;
        return ApiResults.Ok(page.Select(n => new NotificationView(n.Id, n.Type, new NotificationActorView(n.ActorId, names[n.ActorId]), n.Count,
            n.ArticleId is { } article ? new NotificationArticleView(article, titles.GetValueOrDefault(article, "")) : null,
            n.CommentId is { } comment ? new NotificationCommentView(comment, n.CommentContent ?? "") : null, n.Ctime, n.Read)).ToList());
    }

    public async Task<IResult> UnreadAsync(RouteCall<NoBody> call) =>
        ApiResults.Ok(await store.UnreadAsync(call.User.UserId, options.Value.UnreadCap, call.Ct));

    public async Task<IResult> ReadAsync(RouteCall<ReadNotificationsRequest> call)
    {
        if (call.Body.Upto is < 1 or > ArticleIds.Max) return ApiResults.Refused("upto must be a notification id: a positive integer below 2^53.");
        await store.MarkReadAsync(call.User.UserId, call.Body.Upto, call.Ct);
        return ApiResults.Ok();
    }
}
