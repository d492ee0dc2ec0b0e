using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Auth;
using Webook.Core.Auth.Storage;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>Two instances of one deployment (same Redis key prefix and token keys), each checking sessions from its own copy of the logouts.</summary>
public sealed class LogoutAcrossInstancesTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task A_logout_on_one_instance_is_refused_by_the_other_within_the_bound()
    {
        var deployment = RunningServer.DefaultSettings();
        deployment[FrozenDependencyTests.RevocationMaxSilence] = Bound.ToString();
        await using var first = await RunningServer.StartAsync(deployment);
        await using var second = await RunningServer.StartAsync(deployment);
        using var one = first.CreateClient();
        using var other = second.CreateClient();
        var user = await Accounts.SignupAndLoginAsync(one);
        var kept = await Accounts.LoginAsync(one, user.Email);
        Assert.Equal(0, (await other.GetApiAsync("/users/profile", user.AccessToken)).Code);
        var otherCopy = (RedisSessionRevocations)second.Services.GetRequiredService<ISessionRevocations>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!otherCopy.AnswersLocally && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(otherCopy.AnswersLocally);

        Assert.Equal(0, (await one.PostApiAsync("/users/logout", null, user.AccessToken)).Code);

        // Once the bound has passed, no instance may take the token, whatever became of the announcement.
        await Task.Delay(Bound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetApiAsync("/users/profile", user.AccessToken)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await one.GetApiAsync("/users/profile", user.AccessToken)).Status);
        Assert.Equal(0, (await other.GetApiAsync("/users/profile", kept.Header("x-jwt-token"))).Code);
        // The other instance is still answering from its own copy: the refusal came from it, not from a round trip.
        Assert.True(otherCopy.AnswersLocally);
    }
}
