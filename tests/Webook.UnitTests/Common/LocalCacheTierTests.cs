using Microsoft.Extensions.Options;
using NSubstitute;
using Webook.Core.Common;

namespace Webook.UnitTests.Common;

public sealed class LocalCacheTierTests
{
    private sealed record Value(string Text);

    private readonly IInvalidationBus _bus = Substitute.For<IInvalidationBus>();
    private Action<string> _announced = _ => { };
    private Action _lost = () => { };

    public LocalCacheTierTests()
    {
        _bus.IsListening.Returns(true);
        _bus.When(b => b.Listen(Arg.Any<Action<string>>(), Arg.Any<Action>()))
            .Do(call => (_announced, _lost) = (call.Arg<Action<string>>(), call.Arg<Action>()));
    }

    private LocalCacheTier Tier(TimeSpan? lifetime = null) =>
        new(_bus, Options.Create(new LocalCacheOptions { Lifetime = lifetime ?? TimeSpan.FromMinutes(1), MaxEntries = 100 }));

    [Fact]
    public async Task A_second_read_is_answered_in_process()
    {
        using var tier = Tier();
        var reads = 0;
        Task<Value?> Read() { reads++; return Task.FromResult<Value?>(new Value("a")); }

        Assert.Equal("a", (await tier.GetOrReadAsync("k", Read))!.Text);
        Assert.Equal("a", (await tier.GetOrReadAsync("k", Read))!.Text);

        Assert.Equal(1, reads);
        _bus.Received(1).Listen(Arg.Any<Action<string>>(), Arg.Any<Action>());
    }

    [Fact]
    public async Task Nothing_found_is_not_kept()
    {
        using var tier = Tier();
        var reads = 0;
        Task<Value?> Read() { reads++; return Task.FromResult<Value?>(null); }

        await tier.GetOrReadAsync("k", Read);
        await tier.GetOrReadAsync("k", Read);

        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task A_change_here_drops_the_copy_and_is_announced_to_the_other_instances()
    {
        using var tier = Tier();
        await tier.GetOrReadAsync("k", () => Task.FromResult<Value?>(new Value("old")));

        tier.Invalidate("k");

        _bus.Received(1).Publish("k");
        Assert.Equal("new", (await tier.GetOrReadAsync("k", () => Task.FromResult<Value?>(new Value("new"))))!.Text);
    }

    [Fact]
    public async Task A_change_announced_by_another_instance_drops_the_copy()
    {
        using var tier = Tier();
        await tier.GetOrReadAsync("k", () => Task.FromResult<Value?>(new Value("old")));
        await tier.GetOrReadAsync("other", () => Task.FromResult<Value?>(new Value("kept")));

        _announced("k");

        Assert.Equal("new", (await tier.GetOrReadAsync("k", () => Task.FromResult<Value?>(new Value("new"))))!.Text);
        Assert.Equal("kept", (await tier.GetOrReadAsync("other", () => Task.FromResult<Value?>(new Value("reread"))))!.Text);
    }

    [Fact]
    public async Task A_read_that_overlapped_a_change_is_answered_but_not_kept()
    {
        using var tier = Tier();
        var slowRead = new TaskCompletionSource<Value?>();
        var reading = tier.GetOrReadAsync("k", () => slowRead.Task);

        _announced("k"); // the value changed after the shared cache answered, before the answer arrived here
        slowRead.SetResult(new Value("old"));

        Assert.Equal("old", (await reading)!.Text);
        Assert.Equal("new", (await tier.GetOrReadAsync("k", () => Task.FromResult<Value?>(new Value("new"))))!.Text);
    }

    [Fact]
    public async Task Losing_the_announcements_drops_every_copy_and_every_read_in_flight()
    {
        using var tier = Tier();
        await tier.GetOrReadAsync("a", () => Task.FromResult<Value?>(new Value("old")));
        var slowRead = new TaskCompletionSource<Value?>();
        var reading = tier.GetOrReadAsync("b", () => slowRead.Task);

        _lost();
        slowRead.SetResult(new Value("old"));
        await reading;

        Assert.Equal("new", (await tier.GetOrReadAsync("a", () => Task.FromResult<Value?>(new Value("new"))))!.Text);
        Assert.Equal("new", (await tier.GetOrReadAsync("b", () => Task.FromResult<Value?>(new Value("new"))))!.Text);
    }

    [Fact]
    public async Task Nothing_is_kept_while_announcements_cannot_arrive()
    {
        _bus.IsListening.Returns(false);
        using var tier = Tier();
        var reads = 0;
        Task<Value?> Read() { reads++; return Task.FromResult<Value?>(new Value("a")); }

        await tier.GetOrReadAsync("k", Read);
        await tier.GetOrReadAsync("k", Read);

        Assert.Equal(2, reads);
    }

    [Fact]
    public async Task A_zero_lifetime_turns_the_tier_off()
    {
        using var tier = Tier(TimeSpan.Zero);
        var reads = 0;
        Task<Value?> Read() { reads++; return Task.FromResult<Value?>(new Value("a")); }

        await tier.GetOrReadAsync("k", Read);
        await tier.GetOrReadAsync("k", Read);
        tier.Invalidate("k");

        Assert.Equal(2, reads);
        _bus.DidNotReceive().Publish(Arg.Any<string>());
        _bus.DidNotReceive().Listen(Arg.Any<Action<string>>(), Arg.Any<Action>());
    }
}
