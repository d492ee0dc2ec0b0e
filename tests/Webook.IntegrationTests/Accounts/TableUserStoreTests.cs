using Webook.Core.Accounts.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Webook.Core.Accounts;
using Webook.Core.Common;
using Webook.Core.Storage;
using Webook.Core.Storage.Tables;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Accounts;

public sealed class TableUserStoreTests
{
    private readonly WebookTables _tables;
    private readonly TableUserStore _store;

    public TableUserStoreTests()
    {
        var options = new StorageOptions
        {
            ConnectionString = TestEnvironment.StorageConnectionString,
            TablePrefix = TestEnvironment.UniqueName("it"),
        };
        _tables = new WebookTables(new TableServiceClient(options.ConnectionString), Options.Create(options));
        _store = new TableUserStore(_tables, new IdGenerator(TimeProvider.System), NullLogger<TableUserStore>.Instance);
    }

    [Fact]
    public async Task A_user_is_found_by_id_and_by_email_in_any_case()
    {
        var created = await _store.TryInsertAsync(NewUser("Mixed.Case@Example.com"), default);

        Assert.NotNull(created);
        Assert.True(created.Id > 0);
        Assert.Equal(created, await _store.FindByIdAsync(created.Id, default));
        Assert.Equal(created.Id, (await _store.FindByEmailAsync("mixed.case@example.COM", default))?.Id);
        Assert.Null(await _store.FindByEmailAsync("other@example.com", default));
    }

    [Fact]
    public async Task Twenty_concurrent_inserts_of_one_email_store_one_user_row()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _store.TryInsertAsync(NewUser("same@example.com"), default)));

        Assert.Single(results, r => r is not null);
        var users = await _tables.GetAsync(WebookTables.Users, default);
        var rows = 0;
        await foreach (var _ in users.QueryAsync<TableEntity>()) rows++;
        Assert.Equal(1, rows);
    }

    [Fact]
    public async Task A_phone_user_is_unique_by_phone()
    {
        var first = await _store.TryInsertAsync(new User { Phone = "+8613800138000" }, default);
        Assert.NotNull(first);
        Assert.Null(await _store.TryInsertAsync(new User { Phone = "+8613800138000" }, default));
    }

    [Fact]
    public async Task A_profile_edit_changes_only_the_profile_fields()
    {
        var created = (await _store.TryInsertAsync(NewUser("edit@example.com"), default))!;
        var at = new DateTimeOffset(2026, 2, 3, 4, 5, 6, TimeSpan.Zero);

        Assert.True(await _store.UpdateProfileAsync(created.Id, new ProfileEdit("Ada", new DateOnly(1815, 12, 10), "math"), at, default));

        var edited = await _store.FindByIdAsync(created.Id, default);
        Assert.Equal(created with { Nickname = "Ada", Birthday = new DateOnly(1815, 12, 10), AboutMe = "math", UpdatedAt = at }, edited);
        Assert.False(await _store.UpdateProfileAsync(created.Id + 1, new ProfileEdit("x", null, ""), at, default));
    }

    private static User NewUser(string email)
    {
        var now = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return new User { Email = email, PasswordHash = "hash", CreatedAt = now, UpdatedAt = now };
    }
}
