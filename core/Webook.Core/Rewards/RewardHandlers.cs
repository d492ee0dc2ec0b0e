using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Webook.Core.Common;
using Webook.Core.Http;
using Webook.Core.Interactions;
using Webook.Core.Payments;

namespace Webook.Core.Rewards;

/// <summary>
/// POST /articles/pub/reward and POST /reward/detail. A reward is stored (Init) before its payment is recorded and
/// before WeChat Pay is called, so whatever fails after, the sync job and the reconciler find it. An Idempotency-Key
/// names one reward per tipper: a retry with it gets that reward and its QR code again.
/// </summary>
public sealed class RewardHandlers(IRewardStore rewards, PaymentService payments, IPublishedArticles articles, RewardStatusCache cache, IdGenerator ids,
    TimeProvider time, IOptions<RewardOptions> options, IOptions<WeChatPayOptions> wechatPay)
{
    public const string IdempotencyHeader = "Idempotency-Key";
    private const string NotFound = "Reward not found.";

    public async Task<IResult> RewardAsync(RouteCall<RewardRequest> call)
    {
        var (body, tipper, ct) = (call.Body, call.User.UserId, call.Ct);
        if (!wechatPay.Value.Enabled) return ApiResults.Refused("Rewards are not set up on this server.");
        if (ArticleIds.Check(body.Id, allowNew: false) is { } problem) return ApiResults.Refused(problem);
        var max = options.Value.MaxAmount;
        if (body.Amt is not { } amount || amount < 1 || amount > max) return ApiResults.Refused($"amt is the reward in fen, a whole number from 1 to {max}.");
        var key = call.Request.Headers[IdempotencyHeader].ToString();
        if (key.Length > 255) return ApiResults.Refused($"{IdempotencyHeader} is at most 255 characters.");

        var articleId = body.Id!.Value;
        if (await articles.PublishedAuthorAsync(articleId, ct) is not { } author) return ApiResults.Refused("Article not found.");
        if (author == tipper) return ApiResults.Refused("You cannot reward your own article.");

        var reward = await StoreAsync(tipper, articleId, author, amount, key, ct);
        if (reward is null) return ApiResults.Refused($"This {IdempotencyHeader} was used for another reward.");
        if (reward.Status != RewardStatus.Init)
        {
            // A late retry of a reward that ended: its QR code again if it had one, never a new order.
            var ended = await payments.FindAsync(Reward.Biz, reward.Id, ct);
            return ended is { CodeUrl.Length: > 0 } ? ApiResults.Ok(new RewardView(ended.CodeUrl, reward.Id)) : ApiResults.Refused("This reward has ended.");
        }
        var payment = await payments.RecordAsync(Reward.Biz, reward.Id, reward.Amount, ct);
        var codeUrl = await payments.CodeUrlAsync(payment, $"webook reward for article {articleId}", ct);
        return ApiResults.Ok(new RewardView(codeUrl, reward.Id));
    }

    public async Task<IResult> DetailAsync(RouteCall<RewardDetailRequest> call)
    {
        var (rid, tipper, ct) = (call.Body.Rid, call.User.UserId, call.Ct);
        if (rid is not > 0) return ApiResults.Refused("rid is the reward's id.");
        if (await cache.GetAsync(rid.Value, ct) is { } cached)
            return cached.TipperId == tipper ? ApiResults.Ok(Reward.StatusName(cached.Status)) : ApiResults.Refused(NotFound);
        if (await rewards.GetAsync(rid.Value, ct) is not { } reward) return ApiResults.Refused(NotFound);
        await cache.OfferAsync(reward, ct);
        return reward.TipperId == tipper ? ApiResults.Ok(Reward.StatusName(reward.Status)) : ApiResults.Refused(NotFound);
    }

    /// <summary>The reward of this request: a new one, or the one its key made before; null when the key made another.</summary>
    private async Task<Reward?> StoreAsync(long tipper, long articleId, long author, long amount, string key, CancellationToken ct)
    {
        // An id drawn by another instance in the same millisecond is taken: draw again (and claim the key anew).
        while (true)
        {
            var rid = ids.Next();
            var mine = true;
            if (key.Length > 0)
            {
                (var claim, mine) = await rewards.ClaimKeyAsync(tipper, key, new RewardKeyClaim(rid, articleId, amount), ct);
                if (claim.ArticleId != articleId || claim.Amount != amount) return null;
                rid = claim.Rid;
            }
            // A retry's reward is there already: read it rather than fail an insert.
            if (!mine && await rewards.GetAsync(rid, ct) is { } earlier && earlier.IsSameAs(tipper, articleId, amount)) return earlier;
            var reward = new Reward(rid, tipper, articleId, author, amount, RewardSettlement.PlatformShare(amount, options.Value.PlatformRate), RewardStatus.Init,
                time.GetUtcNow());
            if (await rewards.AddAsync(reward, ct)) return reward;
            if (await rewards.GetAsync(rid, ct) is { } stored && stored.IsSameAs(tipper, articleId, amount)) return stored;
            if (key.Length > 0 && !mine) throw new InvalidOperationException($"The {IdempotencyHeader} of user {tipper} names reward {rid}, which is another's.");
            if (key.Length > 0) await rewards.ReleaseKeyAsync(tipper, key, ct);
        }
    }
}
