using Webook.Core.Interactions.Storage;
using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core;
using Webook.Core.Interactions;
using Webook.Core.Storage.Tables;
using Webook.IntegrationTests.Storage;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Interactions;

/// <summary>
/// The interaction store against the test Azurite, as one or two instances (each its own services, so its own
/// remembered counts rows and locks) on the same tables: the counts row stays exact whoever wrote last, and a
/// change of an article this instance wrote last costs one table call.
/// </summary>
public sealed class TableInteractionStoreTests
{
    private const long Author = 9;
    private readonly string _prefix = TestEnvironment.UniqueName("it");
    private readonly long _article = Random.Shared.NextInt64(1, 1L << 50);

    [Fact]
    public async Task A_change_of_an_article_this_instance_wrote_last_is_one_table_call()
    {
        await using var a = Instance();
        await a.Store.SetLikeAsync(_article, Author, 1, true, default); // creates the table and the counts row

        Assert.Equal(1, (await a.CallsOf(s => s.SetLikeAsync(_article, Author, 2, true, default))).Calls);
        Assert.Equal(1, (await a.CallsOf(s => s.SetCollectAsync(_article, Author, 2, 7, true, default))).Calls);
        Assert.Equal(1, (await a.CallsOf(s => s.SetLikeAsync(_article, Author, 1, false, default))).Calls);
        // Already as asked: the transaction is refused, naming the record; nothing changes.
        var again = await a.CallsOf(s => s.SetLikeAsync(_article, Author, 2, true, default));
        Assert.Equal((1, null), (again.Calls, again.Counts));
        var notLiked = await a.CallsOf(s => s.SetLikeAsync(_article, Author, 9, false, default));
        Assert.Equal((1, null), (notLiked.Calls, notLiked.Counts));
        Assert.Equal(1, (await a.CallsOf(s => s.SetLikeAsync(_article, Author, 3, true, default))).Calls);

        var counts = await a.Store.GetCountsAsync(_article, default);
        Assert.Equal((2L, 1L), (counts.Likes, counts.Collects));
        Assert.Equal(await RecordsAsync("like-"), counts.Likes);
    }

    [Fact]
    public async Task With_nothing_remembered_every_change_reads_the_counts_row_first()
    {
        await using var a = Instance(remembered: 0);
        await a.Store.SetLikeAsync(_article, Author, 1, true, default);

        Assert.Equal(2, (await a.CallsOf(s => s.SetLikeAsync(_article, Author, 2, true, default))).Calls);
        Assert.Equal(2, (await a.CallsOf(s => s.SetLikeAsync(_article, Author, 2, false, default))).Calls);
        Assert.Equal(1, (await a.Store.GetCountsAsync(_article, default)).Likes);
    }

    [Fact]
    public async Task After_another_instance_wrote_the_article_reads_first_until_nobody_else_writes()
    {
        await using var a = Instance();
        await using var b = Instance();
        await a.Store.SetLikeAsync(_article, Author, 1, true, default);
        await a.Store.SetLikeAsync(_article, Author, 2, true, default);

        await b.Store.SetLikeAsync(_article, Author, 3, true, default);
        // a's remembered row is stale: the transaction fails its condition (412), a reads and writes again.
        Assert.Equal(3, (await a.CallsOf(s => s.SetLikeAsync(_article, Author, 4, true, default))).Calls);
        await b.Store.SetLikeAsync(_article, Author, 5, true, default);
        // Untrusted now: a reads first, so taking turns costs what it cost before the rows were remembered.
        Assert.Equal(2, (await a.CallsOf(s => s.SetLikeAsync(_article, Author, 6, true, default))).Calls);
        // The row read is the one a wrote: nobody else wrote since, so the next change skips the read again.
        Assert.Equal(2, (await a.CallsOf(s => s.SetLikeAsync(_article, Author, 7, true, default))).Calls);
        Assert.Equal(1, (await a.CallsOf(s => s.SetLikeAsync(_article, Author, 8, true, default))).Calls);

        Assert.Equal(8, (await b.Store.GetCountsAsync(_article, default)).Likes);
        Assert.Equal(8, await RecordsAsync("like-"));
    }

    [Fact]
    public async Task Two_instances_liking_and_unliking_one_article_at_once_keep_the_count_equal_to_the_records()
    {
        await using var a = Instance();
        await using var b = Instance();
        var users = Enumerable.Range(1, 20).ToArray();

        // Each instance flips the users' likes in its own order, 8 at a time: turns, runs and races on the counts row.
        await Task.WhenAll(Flip(a.Store, seed: 1), Flip(b.Store, seed: 2));

        var counts = await a.Store.GetCountsAsync(_article, default);
        Assert.Equal(await RecordsAsync("like-"), counts.Likes);
        Assert.InRange(counts.Likes, 0, users.Length);
        // And once more from each, one at a time: still exact, and each instance's memory is fine to go on with.
        await a.Store.SetLikeAsync(_article, Author, 1000, true, default);
        await b.Store.SetLikeAsync(_article, Author, 1001, true, default);
        await a.Store.SetLikeAsync(_article, Author, 1002, true, default);
        Assert.Equal(counts.Likes + 3, (await b.Store.GetCountsAsync(_article, default)).Likes);
        Assert.Equal(counts.Likes + 3, await RecordsAsync("like-"));

        async Task Flip(IInteractionStore store, int seed)
        {
            var random = new Random(seed);
            await Parallel.ForAsync(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
            {
                int user;
                bool like;
                lock (random) (user, like) = (users[random.Next(users.Length)], random.Next(2) == 0);
                await store.SetLikeAsync(_article, Author, user, like, ct);
            });
        }
    }

    [Fact]
    public async Task Likes_that_arrive_while_the_articles_transaction_is_in_flight_are_written_together_in_the_next()
    {
        await using var a = Instance();
        await a.Store.SetLikeAsync(_article, Author, 1, true, default); // the counts row, remembered

        // While user 2's like is in flight (held), 150 more arrive: users 3 to 150, then user 2 again and an unlike of
        // user 1. The next transaction takes the first 98, the one after the other 52.
        var gate = a.Requests.Hold();
        var first = a.Store.SetLikeAsync(_article, Author, 2, true, default);
        await gate.HoldingAsync();
        var waiting = new List<Task<InteractionCounts?>>();
        for (var user = 3; user <= 150; user++) waiting.Add(a.Store.SetLikeAsync(_article, Author, user, true, default));
        waiting.Add(a.Store.SetLikeAsync(_article, Author, 2, true, default));
        waiting.Add(a.Store.SetLikeAsync(_article, Author, 1, false, default));
        var sent = a.Requests.Tables;
        gate.Open();
        var answers = await Task.WhenAll(waiting.Prepend(first));

        // Past the held one: the 98, then the 52, refused for user 2's second like (named by the service), then the
        // other 51 again. Nothing else: no read, and no transaction per like.
        Assert.Equal(3, a.Requests.Tables - sent);
        Assert.Null(answers[^2]);
        // Every change answers the counts its transaction wrote.
        Assert.Equal((2L, 2L), (answers[0]!.Version, answers[0]!.Likes));
        Assert.All(answers[1..99], c => Assert.Equal((3L, 100L), (c!.Version, c.Likes)));
        Assert.All(answers[99..^2].Append(answers[^1]), c => Assert.Equal((4L, 149L), (c!.Version, c.Likes)));
        var counts = await a.Store.GetCountsAsync(_article, default);
        Assert.Equal((4L, 149L, 149L), (counts.Version, counts.Likes, await RecordsAsync("like-")));
    }

    [Fact]
    public async Task Two_hundred_parallel_like_and_unlike_pairs_on_one_article_keep_the_count_equal_to_the_records()
    {
        await using var a = Instance();
        await using var b = Instance();
        var users = Enumerable.Range(1, 200).ToArray();

        // Each user likes and takes it back at once, half through each instance: batches, refusals and ETag races.
        var pairs = await Task.WhenAll(users.SelectMany(user => new[]
        {
            Task.Run(() => (user % 2 == 0 ? a : b).Store.SetLikeAsync(_article, Author, user, true, default)),
            Task.Run(() => (user % 3 == 0 ? a : b).Store.SetLikeAsync(_article, Author, user, false, default)),
        }));
        var counts = await a.Store.GetCountsAsync(_article, default);
        Assert.Equal(await RecordsAsync("like-"), counts.Likes);
        // A like that landed and was not taken back after: each user 0 or 1.
        Assert.InRange(counts.Likes, 0, users.Length);
        Assert.All(pairs.Where(c => c is not null), c => Assert.InRange(c!.Likes, 0, users.Length));

        // Then all 200 like at once, and the odd ones take it back while the even ones like again.
        await Task.WhenAll(users.Select(user => Task.Run(() => (user % 2 == 0 ? a : b).Store.SetLikeAsync(_article, Author, user, true, default))));
        Assert.Equal((200L, 200L), ((await b.Store.GetCountsAsync(_article, default)).Likes, await RecordsAsync("like-")));
        var last = await Task.WhenAll(users.Select(user => Task.Run(() => (user % 3 == 0 ? a : b).Store.SetLikeAsync(_article, Author, user, user % 2 == 0, default))));
        Assert.All(last.Where((_, i) => users[i] % 2 == 0), Assert.Null);
        Assert.Equal((100L, 100L), ((await a.Store.GetCountsAsync(_article, default)).Likes, await RecordsAsync("like-")));
    }

    [Fact]
    public async Task Read_batches_move_the_remembered_row_too()
    {
        await using var a = Instance();
        await using var b = Instance();
        await a.Store.SetLikeAsync(_article, Author, 1, true, default);

        // A batch applied by this instance: the like after it still needs no read, and keeps the reads.
        await a.Store.AddReadsAsync(_article, [new EventPosition("t", 0, 10), new EventPosition("t", 0, 11)], default);
        Assert.Equal(1, (await a.CallsOf(s => s.SetLikeAsync(_article, Author, 2, true, default))).Calls);
        // The batch reads its markers, never the counts row this instance wrote last.
        Assert.Equal(2, (await a.CallsOf(s => s.AddReadsAsync(_article, [new EventPosition("t", 0, 12)], default))).Calls);

        // A batch applied by another instance: this one's next like finds out at the ETag and reads.
        await b.Store.AddReadsAsync(_article, [new EventPosition("t", 1, 5)], default);
        Assert.Equal(3, (await a.CallsOf(s => s.SetLikeAsync(_article, Author, 3, true, default))).Calls);
        await a.Store.SetLikeAsync(_article, Author, 2, false, default);

        var counts = await b.Store.GetCountsAsync(_article, default);
        Assert.Equal((4L, 2L), (counts.Reads, counts.Likes));
        Assert.Equal(7, counts.Version);
    }

    private StoreInstance Instance(int? remembered = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestEnvironment.StorageConnectionString,
            ["Storage:TablePrefix"] = _prefix,
            ["Redis:ConnectionString"] = TestEnvironment.RedisConnectionString,
        };
        if (remembered is { } r) settings["Interactions:RememberedCounts"] = r.ToString(CultureInfo.InvariantCulture);
        // The outbox row's relay runs after the change has its answer, beside the article's next transaction: counted apart.
        var requests = new StorageRequests(StorageRequests.OutboxRelay);
        var services = requests.AddTo(new ServiceCollection().AddLogging()
            .AddWebookCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));
        return new StoreInstance(services.BuildServiceProvider(), requests);
    }

    /// <summary>The like (or collect) records of the article, counted in the table.</summary>
    private async Task<long> RecordsAsync(string prefix)
    {
        await using var services = Instance();
        var table = await services.Provider.GetRequiredService<WebookTables>().GetAsync(WebookTables.Interactions, default);
        var partition = InteractionRows.Partition(_article);
        var end = prefix[..^1] + (char)(prefix[^1] + 1);
        long n = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix} and RowKey lt {end}")))
            n++;
        return n;
    }

    private sealed class StoreInstance(ServiceProvider provider, StorageRequests requests) : IAsyncDisposable
    {
        public ServiceProvider Provider => provider;
        public IInteractionStore Store => provider.GetRequiredService<IInteractionStore>();
        public StorageRequests Requests => requests;

        /// <summary>The table requests one store call makes, and its answer.</summary>
        public async Task<(int Calls, InteractionCounts? Counts)> CallsOf(Func<IInteractionStore, Task<InteractionCounts?>> call)
        {
            var (tables, _, counts) = await requests.OfAsync(() => call(Store));
            return (tables, counts);
        }

        public ValueTask DisposeAsync() => provider.DisposeAsync();
    }
}
