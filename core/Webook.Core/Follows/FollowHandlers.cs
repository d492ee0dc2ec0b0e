using Microsoft.AspNetCore.Http;
using Webook.Core.Accounts;
using Webook.Core.Auth;
using Webook.Core.Common;
using Webook.Core.Http;

namespace Webook.Core.Follows;

/// <summary>
/// The /follow routes: follow and cancel are idempotent (following twice counts once; cancelling what was not
/// followed changes nothing); lists are newest first, with names.
/// </summary>
public sealed class FollowHandlers(FollowGraph graph, IFollowStore store, UserProfiles users, Authenticator auth)
{
    public Task<IResult> FollowAsync(RouteCall<FollowRequest> call) => SetAsync(call, follow: true);

    public Task<IResult> CancelAsync(RouteCall<FollowRequest> call) => SetAsync(call, follow: false);

    public async Task<IResult> FolloweesAsync(RouteCall<NoBody> call)
    {
        if (ReadList(call.Request, "follower", out var follower, out var offset, out var limit) is { } problem) return ApiResults.Refused(problem);
        return ApiResults.Ok(await NamedAsync(await store.ListFolloweesAsync(follower, offset, limit, call.Ct), call.Ct));
    }

    public async Task<IResult> FollowersAsync(RouteCall<NoBody> call)
    {
        if (ReadList(call.Request, "followee", out var followee, out var offset, out var limit) is { } problem) return ApiResults.Refused(problem);
        return ApiResults.Ok(await NamedAsync(await store.ListFollowersAsync(followee, offset, limit, call.Ct), call.Ct));
    }

    public async Task<IResult> FriendsAsync(RouteCall<NoBody> call)
    {
        if (QueryNumbers.ReadPage(call.Request, out var offset, out var limit) is { } problem) return ApiResults.Refused(problem);
        return ApiResults.Ok(await NamedAsync(await store.ListFriendsAsync(call.User.UserId, offset, limit, call.Ct), call.Ct));
    }

    public async Task<IResult> StaticAsync(RouteCall<NoBody> call)
    {
        if (ReadUser(call.Request, "followee", out var followee) is { } problem) return ApiResults.Refused(problem);
        var counting = graph.GetCountsAsync(followee, call.Ct);
        // A token is optional; one that is not valid (expired, logged out) reads as a caller without one.
        var caller = Authenticator.HasCredentials(call.Request) ? await auth.AuthenticateAsync(call.Request, TokenKind.Access, call.Ct) : null;
        var followed = caller is not null && await graph.IsFollowingAsync(caller.UserId, followee, call.Ct);
        var counts = await counting;
        return ApiResults.Ok(new FollowStaticView(counts.Followees, counts.Followers, followed));
    }

    public async Task<IResult> CheckAsync(RouteCall<NoBody> call)
    {
        if (ReadUser(call.Request, "followee", out var followee) is { } problem) return ApiResults.Refused(problem);
        return ApiResults.Ok(new FollowCheckView(await graph.IsFollowingAsync(call.User.UserId, followee, call.Ct)));
    }

    private async Task<IResult> SetAsync(RouteCall<FollowRequest> call, bool follow)
    {
        var (followee, me, ct) = (call.Body.Followee, call.User.UserId, call.Ct);
        if (CheckUser(followee, "followee") is { } problem) return ApiResults.Refused(problem);
        if (followee == me) return ApiResults.Refused("You cannot follow yourself.");
        // Cancelling a follow of a user who does not exist changes nothing, like any cancel of what was not followed.
        if (follow && await users.FindByIdAsync(followee!.Value, ct) is null) return ApiResults.Refused("User not found.");
        await graph.SetFollowAsync(me, followee!.Value, follow, ct);
        return ApiResults.Ok();
    }

    private async Task<List<FollowUserView>> NamedAsync(IReadOnlyList<FollowEdge> edges, CancellationToken ct)
    {
        var profiles = await Task.WhenAll(edges.Select(edge => users.FindByIdAsync(edge.UserId, ct)));
        return edges.Select((edge, i) => new FollowUserView(edge.UserId, UserDisplayName.Of(profiles[i]), edge.Since)).ToList();
    }

    private static string? ReadList(HttpRequest request, string userParameter, out long userId, out int offset, out int limit)
    {
        (offset, limit) = (0, 0);
        return ReadUser(request, userParameter, out userId) ?? QueryNumbers.ReadPage(request, out offset, out limit);
    }

    private static string? ReadUser(HttpRequest request, string name, out long userId)
    {
        userId = 0;
        if ((QueryNumbers.Read(request, name, out var value) ?? CheckUser(value, name)) is { } problem) return problem;
        userId = value!.Value;
        return null;
    }

    // User ids are issued like article ids: positive and below 2^53.
    private static string? CheckUser(long? id, string name) =>
        id is null ? $"{name} is required."
        : id is <= 0 or > ArticleIds.Max ? $"{name} must be a user id: a positive integer below 2^53."
        : null;
}
