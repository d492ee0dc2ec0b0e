using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core;
using Webook.Core.Follows;
using Webook.Core.Storage.Tables;
using Webook.IntegrationTests.Storage;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Follows;

/// <summary>
/// The follow store against the test Azurite, as one or two instances (each its own services, so its own locks) on
/// the same table: both directions agree and the counts equal the rows, whoever wrote last and however many at once.
/// </summary>
public sealed class TableFollowStoreTests
{
    private readonly string _prefix = TestEnvironment.UniqueName("it");

    [Fact]
    public async Task Following_twice_counts_once_and_cancelling_what_was_not_followed_changes_nothing()
    {
        await using var a = Instance();
        var (alice, bob) = (NewUser(), NewUser());

        Assert.True(await a.Store.SetFollowAsync(alice, bob, true, default));
        Assert.False(await a.Store.SetFollowAsync(alice, bob, true, default));
        Assert.Equal(new FollowCounts(1, 0), await a.Store.GetCountsAsync(alice, default));
        Assert.Equal(new FollowCounts(0, 1), await a.Store.GetCountsAsync(bob, default));
        Assert.True(await a.Store.IsFollowingAsync(alice, bob, default));
        Assert.False(await a.Store.IsFollowingAsync(bob, alice, default));
        var followee = Assert.Single(await a.Store.ListFolloweesAsync(alice, 0, 10, default));
        var follower = Assert.Single(await a.Store.ListFollowersAsync(bob, 0, 10, default));
        Assert.Equal((bob, alice, followee.Since), (followee.UserId, follower.UserId, follower.Since));

        Assert.False(await a.Store.SetFollowAsync(bob, alice, false, default));
        Assert.True(await a.Store.SetFollowAsync(alice, bob, false, default));
        Assert.False(await a.Store.SetFollowAsync(alice, bob, false, default));
        Assert.Equal(new FollowCounts(0, 0), await a.Store.GetCountsAsync(alice, default));
        Assert.Equal(new FollowCounts(0, 0), await a.Store.GetCountsAsync(bob, default));
        Assert.Empty(await a.Store.ListFollowersAsync(bob, 0, 10, default));
        Assert.Equal(0, await IntentsAsync());
    }

    [Fact]
    public async Task A_follow_is_two_transactions_and_reads_the_followers_side_after_its_count_row()
    {
        await using var a = Instance(remembered: 0);
        var (alice, bob) = (NewUser(), NewUser());
        await a.Store.SetFollowAsync(alice, NewUser(), true, default); // creates the table

        // The follower's count, edge and intent together; its transaction; the followee's count and edge together;
        // then the follower's edge again (the truth the followee's side is made to agree with); its transaction; the
        // intent deleted.
        Assert.True(await a.Requests.InWavesAsync([3, 1, 2, 1, 1, 1], () => a.Store.SetFollowAsync(alice, bob, true, default)));
        // Already following, nothing in flight: the three reads only.
        Assert.Equal(3, (await a.Requests.OfAsync(() => a.Store.SetFollowAsync(alice, bob, true, default))).Tables);
    }

    [Fact]
    public async Task A_change_of_users_this_instance_wrote_last_reads_neither_count_row()
    {
        await using var a = Instance();
        var (alice, bob) = (NewUser(), NewUser());
        await a.Store.SetFollowAsync(alice, bob, true, default);

        Assert.True(await a.Requests.InWavesAsync([2, 1, 1, 1, 1, 1], () => a.Store.SetFollowAsync(alice, bob, false, default)));
        Assert.Equal(2, (await a.Requests.OfAsync(() => a.Store.SetFollowAsync(alice, bob, false, default))).Tables);
        Assert.True(await a.Requests.InWavesAsync([2, 1, 1, 1, 1, 1], () => a.Store.SetFollowAsync(alice, bob, true, default)));
        Assert.Equal(new FollowCounts(0, 1), await a.Store.GetCountsAsync(bob, default));
    }

    [Fact]
    public async Task A_remembered_count_row_another_instance_moved_costs_a_read_and_stays_exact()
    {
        await using var a = Instance();
        await using var b = Instance();
        var (alice, bob, carol) = (NewUser(), NewUser(), NewUser());
        await a.Store.SetFollowAsync(alice, bob, true, default);
        await b.Store.SetFollowAsync(carol, bob, true, default); // bob's followers row moves under a's memory
        await b.Store.SetFollowAsync(alice, carol, true, default); // and alice's followees row

        Assert.True(await a.Store.SetFollowAsync(alice, bob, false, default));
        Assert.True(await a.Store.SetFollowAsync(alice, bob, true, default));

        Assert.Equal(new FollowCounts(2, 0), await a.Store.GetCountsAsync(alice, default));
        Assert.Equal(new FollowCounts(0, 2), await a.Store.GetCountsAsync(bob, default));
        Assert.Equal(2, await EdgesAsync($"followers-{bob}"));
    }

    [Fact]
    public async Task Fifty_parallel_follows_and_cancels_of_one_pair_over_two_instances_leave_both_sides_agreeing()
    {
        await using var a = Instance();
        await using var b = Instance();
        var (alice, bob) = (NewUser(), NewUser());
        await a.Store.SetFollowAsync(alice, NewUser(), true, default);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            (i % 2 == 0 ? a : b).Store.SetFollowAsync(alice, bob, i % 4 < 2, default)));

        var follows = await a.Store.IsFollowingAsync(alice, bob, default);
        Assert.Equal(follows ? 1 : 0, await EdgesAsync($"followers-{bob}"));
        Assert.Equal(follows ? 2 : 1, await EdgesAsync($"followees-{alice}"));
        Assert.Equal(new FollowCounts(follows ? 2 : 1, 0), await b.Store.GetCountsAsync(alice, default));
        Assert.Equal(new FollowCounts(0, follows ? 1 : 0), await b.Store.GetCountsAsync(bob, default));
        Assert.Equal(0, await IntentsAsync());
    }

    [Fact]
    public async Task A_follow_whose_second_write_was_overtaken_by_a_cancel_elsewhere_reads_again_and_leaves_no_follow()
    {
        await using var x = Instance();
        await using var y = Instance();
        var (alice, bob) = (NewUser(), NewUser());
        await x.Store.SetFollowAsync(alice, NewUser(), true, default);
        // X holds its second transaction: it has read that alice follows bob and is about to say so on bob's side.
        var batches = 0;
        var gate = x.Requests.Hold(m => m.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && Interlocked.Increment(ref batches) == 2);
        var following = x.Store.SetFollowAsync(alice, bob, true, default);
        await gate.HoldingAsync();

        Assert.True(await y.Store.SetFollowAsync(alice, bob, false, default));
        gate.Open();
        Assert.True(await following);

        Assert.False(await x.Store.IsFollowingAsync(alice, bob, default));
        Assert.Equal(0, await EdgesAsync($"followers-{bob}"));
        Assert.Equal(new FollowCounts(0, 0), await x.Store.GetCountsAsync(bob, default));
        Assert.Equal(0, await IntentsAsync());
    }

    [Fact]
    public async Task Two_hundred_followers_arriving_at_once_are_counted_exactly()
    {
        await using var a = Instance();
        await using var b = Instance();
        var star = NewUser();
        var fans = Enumerable.Range(0, 200).Select(_ => NewUser()).ToList();

        await Task.WhenAll(fans.Select((fan, i) => (i % 2 == 0 ? a : b).Store.SetFollowAsync(fan, star, true, default)));

        Assert.Equal(new FollowCounts(0, 200), await a.Store.GetCountsAsync(star, default));
        Assert.Equal(200, await EdgesAsync($"followers-{star}"));
        var listed = new List<FollowEdge>();
        for (var offset = 0; offset < 200; offset += 100) listed.AddRange(await a.Store.ListFollowersAsync(star, offset, 100, default));
        Assert.Equal(fans.Order(), listed.Select(e => e.UserId).Order());
        Assert.Equal(listed.Select(e => e.Since).OrderDescending(), listed.Select(e => e.Since));
    }

    [Fact]
    public async Task Friends_are_the_users_followed_back_newest_first_and_paged()
    {
        await using var a = Instance();
        var me = NewUser();
        var others = Enumerable.Range(0, 6).Select(_ => NewUser()).ToList();
        foreach (var other in others)
        {
            await a.Store.SetFollowAsync(me, other, true, default);
            await Task.Delay(2); // distinct follow times, so newest first is one order
        }
        foreach (var other in others.Where((_, i) => i % 2 == 0)) await a.Store.SetFollowAsync(other, me, true, default);
        await a.Store.SetFollowAsync(NewUser(), me, true, default); // a follower not followed back

        var friends = await a.Store.ListFriendsAsync(me, 0, 10, default);

        Assert.Equal([others[4], others[2], others[0]], friends.Select(f => f.UserId));
        Assert.Equal([others[2]], (await a.Store.ListFriendsAsync(me, 1, 1, default)).Select(f => f.UserId));
        Assert.Empty(await a.Store.ListFriendsAsync(me, 3, 10, default));
    }

    [Fact]
    public async Task The_repair_completes_an_intent_whose_second_write_never_happened_and_leaves_young_ones()
    {
        await using var a = Instance();
        var (alice, bob) = (NewUser(), NewUser());
        await a.Store.SetFollowAsync(alice, bob, true, default);
        // What a crash between the two writes leaves: the follower's side and its intent, nothing on the followee's.
        var table = await Table();
        await table.UpsertEntityAsync(new TableEntity($"followees-{alice}", $"intent-{bob}")
            { ["Follower"] = alice, ["Followee"] = bob, ["Follow"] = true });
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == $"followers-{bob}"))
        {
            if (row.RowKey.StartsWith("count-", StringComparison.Ordinal)) await table.UpsertEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["Count"] = 0L }, TableUpdateMode.Replace);
            else await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        Assert.Empty(await a.Store.RepairAsync(TimeSpan.FromHours(1), default));
        Assert.Equal(0, await EdgesAsync($"followers-{bob}"));

        var repaired = await a.Store.RepairAsync(TimeSpan.Zero, default);

        Assert.Contains((alice, bob), repaired);
        Assert.Equal(new FollowCounts(0, 1), await a.Store.GetCountsAsync(bob, default));
        Assert.Equal(alice, Assert.Single(await a.Store.ListFollowersAsync(bob, 0, 10, default)).UserId);
        Assert.Equal(0, await IntentsAsync());
    }

    private static long NewUser() => Random.Shared.NextInt64(1, 1L << 50);

    private async Task<TableClient> Table()
    {
        var table = new TableServiceClient(TestEnvironment.StorageConnectionString).GetTableClient(_prefix + WebookTables.Follows);
        await table.CreateIfNotExistsAsync();
        return table;
    }

    private async Task<int> EdgesAsync(string partition)
    {
        var table = await Table();
        var (edges, times) = (0, 0);
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition))
        {
            if (row.RowKey.StartsWith(partition + "-user-", StringComparison.Ordinal)) edges++;
            if (row.RowKey.StartsWith("time-", StringComparison.Ordinal)) times++;
        }
        Assert.Equal(edges, times);
        return edges;
    }

    private async Task<int> IntentsAsync()
    {
        var table = await Table();
        var intents = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(e => e.RowKey.CompareTo("intent-") >= 0 && e.RowKey.CompareTo("intent.") < 0)) intents++;
        return intents;
    }

    private StoreInstance Instance(int? remembered = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestEnvironment.StorageConnectionString,
            ["Storage:TablePrefix"] = _prefix,
            ["Redis:ConnectionString"] = TestEnvironment.RedisConnectionString,
        };
        if (remembered is { } r) settings["Follows:RememberedCounts"] = r.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var requests = new StorageRequests();
        var services = requests.AddTo(new ServiceCollection().AddLogging()
            .AddWebookCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));
        return new StoreInstance(services.BuildServiceProvider(), requests);
    }

    private sealed class StoreInstance(ServiceProvider provider, StorageRequests requests) : IAsyncDisposable
    {
        public IFollowStore Store => provider.GetRequiredService<IFollowStore>();
        public StorageRequests Requests => requests;

        public ValueTask DisposeAsync() => provider.DisposeAsync();
    }
}
