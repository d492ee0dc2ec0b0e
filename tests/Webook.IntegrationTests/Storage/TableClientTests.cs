using Azure;
using Webook.Core.Storage.Tables;

namespace Webook.IntegrationTests.Storage;

public sealed class TableClientTests
{
    [Fact]
    public async Task Creating_a_table_twice_is_fine()
    {
        var table = await StorageFixture.NewTableAsync();
        await table.CreateIfNotExistsAsync();
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "r")).HasValue);
    }

    [Fact]
    public async Task Every_supported_property_type_round_trips()
    {
        var table = await StorageFixture.NewTableAsync();
        var article = new Article
        {
            PartitionKey = "p", RowKey = "r", Title = "It's \"quoted\" ünïcode", Likes = -7, Reads = 5_000_000_000L, MaybeLong = long.MaxValue,
            Published = true, Score = 0.1 + 0.2, Whole = 2.0, MaybeBool = false, MaybeAt = DateTimeOffset.UnixEpoch, CreatedAt = new DateTimeOffset(2026, 5, 6, 7, 8, 9, 123, TimeSpan.FromHours(8)),
            Marker = Guid.NewGuid(), Payload = [0, 1, 2, 255], NotStored = "ignored",
        };
        await table.AddEntityAsync(article);

        var read = (await table.GetEntityAsync<Article>("p", "r")).Value;

        Assert.Equal(article.Title, read.Title);
        Assert.Equal(article.Likes, read.Likes);
        Assert.Equal(article.Reads, read.Reads);
        Assert.Equal(article.MaybeLong, read.MaybeLong);
        Assert.True(read.Published);
        Assert.Equal(article.Score, read.Score);
        Assert.Equal(2.0, read.Whole);
        Assert.Null(read.MaybeInt);
        Assert.False(read.MaybeBool);
        Assert.Equal(DateTimeOffset.UnixEpoch, read.MaybeAt);
        Assert.Null(read.MaybeGuid);
        Assert.Equal(article.CreatedAt, read.CreatedAt);
        Assert.Equal(TimeSpan.Zero, read.CreatedAt.Offset);
        Assert.Equal(article.Marker, read.Marker);
        Assert.Equal(article.Payload, read.Payload);
        Assert.Equal("", read.NotStored);
        Assert.NotEqual(default, read.ETag);
        Assert.NotNull(read.Timestamp);

        var bag = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        Assert.Equal(5_000_000_000L, bag.GetInt64("Reads"));
        Assert.Equal(-7, bag.GetInt32("Likes"));
        Assert.Equal(article.CreatedAt, bag.GetDateTimeOffset("CreatedAt"));
        Assert.Equal(article.Marker, bag.GetGuid("Marker"));
        Assert.IsType<double>(bag["Whole"]);
        Assert.False(bag.ContainsKey("NotStored"));
        Assert.False(bag.ContainsKey("MaybeInt"));

        var filter = TableClient.CreateQueryFilter(
            $"Reads gt {4_000_000_000L} and CreatedAt eq {article.CreatedAt} and Marker eq {article.Marker} and Published eq {true} and Whole eq {2.0}");
        var matches = new List<Article>();
        await foreach (var match in table.QueryAsync<Article>(filter)) matches.Add(match);
        Assert.Equal("r", Assert.Single(matches).RowKey);
    }

    [Fact]
    public async Task Inserting_an_existing_key_throws_already_exists()
    {
        var table = await StorageFixture.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));

        var error = await Assert.ThrowsAsync<EntityAlreadyExistsException>(() => table.AddEntityAsync(new TableEntity("p", "r")));
        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
    }

    [Fact]
    public async Task A_missing_entity_is_not_found()
    {
        var table = await StorageFixture.NewTableAsync();
        var error = await Assert.ThrowsAsync<EntityNotFoundException>(() => table.GetEntityAsync<TableEntity>("p", "missing"));
        Assert.Equal(404, error.Status);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "missing")).HasValue);
    }

    [Fact]
    public async Task Merge_keeps_other_properties_and_replace_drops_them()
    {
        var table = await StorageFixture.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = "a", ["B"] = "b" });

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = "a2" }, TableUpdateMode.Merge);
        var merged = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        Assert.Equal(("a2", "b"), (merged.GetString("A"), merged.GetString("B")));

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = "a3" }, TableUpdateMode.Replace);
        var replaced = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        Assert.Equal("a3", replaced.GetString("A"));
        Assert.False(replaced.ContainsKey("B"));

        await table.UpsertEntityAsync(new TableEntity("p", "new") { ["A"] = "x" });
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>("p", "new")).HasValue);
    }

    [Fact]
    public async Task Updating_or_deleting_with_a_stale_etag_throws_changed_since_read()
    {
        var table = await StorageFixture.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["N"] = 1 });
        var first = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        first["N"] = 2;
        await table.UpdateEntityAsync(first, first.ETag);

        first["N"] = 3;
        var update = await Assert.ThrowsAsync<EntityChangedException>(() => table.UpdateEntityAsync(first, first.ETag));
        Assert.Equal(412, update.Status);
        await Assert.ThrowsAsync<EntityChangedException>(() => table.DeleteEntityAsync("p", "r", first.ETag));
        Assert.Equal(2, (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("N"));

        var current = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        await table.DeleteEntityAsync("p", "r", current.ETag);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "r")).HasValue);
    }

    [Fact]
    public async Task Updating_a_missing_entity_is_not_found_and_deleting_one_is_not_an_error()
    {
        var table = await StorageFixture.NewTableAsync();
        await Assert.ThrowsAsync<EntityNotFoundException>(() => table.UpdateEntityAsync(new TableEntity("p", "none"), ETag.All));
        Assert.Equal(404, (await table.DeleteEntityAsync("p", "none")).Status);
    }

    [Fact]
    public async Task Queries_filter_select_and_page_with_continuation()
    {
        var table = await StorageFixture.NewTableAsync();
        for (var i = 0; i < 25; i++)
            await table.AddEntityAsync(new TableEntity(i % 2 == 0 ? "even" : "odd", $"{i:D3}") { ["N"] = i, ["Name"] = i == 7 ? "O'Brien" : "x" });

        var pages = new List<Page<TableEntity>>();
        await foreach (var page in table.QueryAsync<TableEntity>(maxPerPage: 10).AsPages()) pages.Add(page);
        Assert.Equal([10, 10, 5], pages.Select(p => p.Values.Count));
        Assert.Equal(25, pages.SelectMany(p => p.Values).Select(e => e.PartitionKey + e.RowKey).Distinct().Count());
        Assert.Null(pages[^1].ContinuationToken);

        var resumed = new List<TableEntity>();
        await foreach (var page in table.QueryAsync<TableEntity>(maxPerPage: 10).AsPages(pages[0].ContinuationToken)) resumed.AddRange(page.Values);
        Assert.Equal(15, resumed.Count);

        var quoted = new List<TableEntity>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Name eq {"O'Brien"}"))) quoted.Add(e);
        Assert.Equal("007", Assert.Single(quoted).RowKey);

        var evens = new List<TableEntity>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"even"} and N ge {10}"), select: ["N"])) evens.Add(e);
        Assert.Equal([10, 12, 14, 16, 18, 20, 22, 24], evens.Select(e => e.GetInt32("N")!.Value).Order());
        Assert.All(evens, e => Assert.False(e.ContainsKey("Name")));
    }

    [Fact]
    public async Task A_transaction_of_100_inserts_commits_and_101_is_refused_before_sending()
    {
        var table = await StorageFixture.NewTableAsync();
        var actions = Enumerable.Range(0, 100)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"{i:D3}") { ["N"] = i }))
            .ToList();

        var results = (await table.SubmitTransactionAsync(actions)).Value;

        Assert.Equal(100, results.Count);
        Assert.All(results, r => Assert.Equal(204, r.Status));
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>()) count++;
        Assert.Equal(100, count);
        var tooMany = actions.Append(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "x")));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(tooMany));
    }

    [Fact]
    public async Task A_failing_transaction_writes_nothing_and_names_the_failing_action()
    {
        var table = await StorageFixture.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "b"));
        var existing = (await table.GetEntityAsync<TableEntity>("p", "b")).Value;

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "a")),
            new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity("p", "c") { ["X"] = 1 }),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "b")),
        ]));

        Assert.Equal(409, error.Status);
        Assert.Equal(2, error.FailedTransactionActionIndex);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "a")).HasValue);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "c")).HasValue);

        var results = (await table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("p", "b") { ["Y"] = 2 }, existing.ETag),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "d")),
        ])).Value;
        var updated = (await table.GetEntityAsync<TableEntity>("p", "b")).Value;
        Assert.Equal(2, updated.GetInt32("Y"));
        Assert.Equal(updated.ETag, results[0].Headers.ETag);

        var stale = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("p", "d")),
            new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity("p", "b") { ["Y"] = 3 }, existing.ETag),
        ]));
        Assert.Equal((412, 1), (stale.Status, stale.FailedTransactionActionIndex));
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>("p", "d")).HasValue);
        await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("p", "d"))]);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "d")).HasValue);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\\b")]
    [InlineData("a\nb")]
    public async Task Keys_with_forbidden_characters_are_refused_before_sending(string key)
    {
        var table = await StorageFixture.NewTableAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => table.AddEntityAsync(new TableEntity(key, "r")));
        await Assert.ThrowsAsync<ArgumentException>(() => table.GetEntityIfExistsAsync<TableEntity>("p", key));
    }

    [Fact]
    public async Task Keys_with_quotes_spaces_and_unicode_work_in_point_operations()
    {
        var table = await StorageFixture.NewTableAsync();
        const string key = "it's a 'key' with spaces, %25 and 中文";
        await table.AddEntityAsync(new TableEntity(key, key) { ["V"] = 1 });
        Assert.Equal(1, (await table.GetEntityAsync<TableEntity>(key, key)).Value.GetInt32("V"));
        await table.DeleteEntityAsync(key, key);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(key, key)).HasValue);
    }

    [Fact]
    public async Task Twenty_parallel_inserts_of_one_key_let_exactly_one_through()
    {
        var table = await StorageFixture.NewTableAsync();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                await table.AddEntityAsync(new TableEntity("p", "same") { ["Writer"] = i });
                return true;
            }
            catch (EntityAlreadyExistsException)
            {
                return false;
            }
        }));
        Assert.Single(outcomes, won => won);
    }
}
