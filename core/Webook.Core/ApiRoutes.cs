using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Webook.Core.Accounts;
using Webook.Core.Articles;
using Webook.Core.Collections;
using Webook.Core.Comments;
using Webook.Core.Follows;
using Webook.Core.Messages;
using Webook.Core.Notifications;
using Webook.Core.Feed;
using Webook.Core.WeChatLogin;
using Webook.Core.Payments;
using Webook.Core.Rewards;
using Webook.Core.Health;
using Webook.Core.Http;
using Webook.Core.Interactions;
using Webook.Core.Ranking;
using Webook.Core.Sms;

namespace Webook.Core;

/// <summary>
/// The single route table both hosts serve, gathered from the features' own declarations: <see cref="All"/> is what
/// Webook.Server maps and what the Function App's generated metadata is tested against. Templates have no leading slash
/// (the Function App's routePrefix is empty).
/// </summary>
public static class ApiRoutes
{
    public static readonly IReadOnlyList<ApiRoute> All =
        [.. AccountRoutes.All, .. HealthRoutes.All, .. ArticleRoutes.All, .. InteractionRoutes.All, .. HotListRoutes.All, .. FollowRoutes.All, .. CommentRoutes.All, .. CollectionRoutes.All, .. MessageRoutes.All, .. NotificationRoutes.All, .. FeedRoutes.All, .. WeChatLoginRoutes.All, .. RewardRoutes.All, .. PaymentRoutes.All];

    /// <summary>The timer that sends what the table stores' outboxes still hold (Storage/Tables/TableOutbox).</summary>
    public const string OutboxSweepName = "OutboxSweep";

    public static readonly ScheduledJobRoute OutboxSweep = new(OutboxSweepName, "Outbox:SweepSchedule");

    /// <summary>The timers of the Function App (Webook.Server schedules the same jobs from the same settings).</summary>
    public static readonly IReadOnlyList<ScheduledJobRoute> ScheduledJobs = [SmsRoutes.Retry, ArticleRoutes.BlobSweep, HotListRoutes.Job, FollowRoutes.Repair, OutboxSweep, PaymentRoutes.Sync, RewardRoutes.Reconcile];

    private static readonly FrozenDictionary<string, ApiRoute> ByName = All.ToFrozenDictionary(r => r.Name);

    /// <summary>Runs the route named <paramref name="name"/> on the request: what each HTTP function of the Function App does.</summary>
    public static Task<IResult> InvokeAsync(string name, HttpRequest request) => ByName[name].InvokeAsync(request);

    /// <summary>The route of <paramref name="name"/>; a name that is not on the table is a bug in the host.</summary>
    public static ApiRoute Named(string name) =>
        ByName.TryGetValue(name, out var route) ? route : throw new ArgumentException($"No route is named {name}.", nameof(name));
}
