using Microsoft.Extensions.Options;
using Webook.Core.Comments;
using Webook.Core.Comments.Storage;
using Webook.Core.Storage.Redis;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Redis;

/// <summary>The first comment pages against the real Redis: a page read before a change is never kept after it.</summary>
public sealed class RedisCommentPageCacheTests : IDisposable
{
    private readonly RedisConnection _redis = new(Options.Create(new RedisOptions
    {
        ConnectionString = TestEnvironment.RedisConnectionString, KeyPrefix = TestEnvironment.UniqueName("it") + ":",
        // The rules of the pages are under test, not the deadline: a loaded CI machine once took over 0.5 s for the first script.
        CacheTimeout = TimeSpan.FromSeconds(30),
    }));
    private readonly RedisCommentPageCache _pages;

    public RedisCommentPageCacheTests() => _pages = new RedisCommentPageCache(_redis, Options.Create(new CommentOptions()));

    [Fact]
    public async Task A_page_is_kept_per_limit_until_a_change_drops_them_all()
    {
        var generation = await _pages.GenerationAsync(7, default);
        await _pages.SetAsync(7, 10, generation, "ten"u8.ToArray(), default);
        await _pages.SetAsync(7, 20, generation, "twenty"u8.ToArray(), default);

        Assert.Equal("ten"u8.ToArray(), await _pages.GetAsync(7, 10, default));
        Assert.Equal("twenty"u8.ToArray(), await _pages.GetAsync(7, 20, default));
        Assert.Null(await _pages.GetAsync(8, 10, default));

        await _pages.ChangedAsync(7, default);
        Assert.Null(await _pages.GetAsync(7, 10, default));
        Assert.Null(await _pages.GetAsync(7, 20, default));
    }

    [Fact]
    public async Task A_page_read_before_a_change_is_not_stored_after_it()
    {
        var before = await _pages.GenerationAsync(9, default);
        await _pages.ChangedAsync(9, default); // a comment posted while the reader read the table

        await _pages.SetAsync(9, 10, before, "stale"u8.ToArray(), default);

        Assert.Null(await _pages.GetAsync(9, 10, default));
        await _pages.SetAsync(9, 10, await _pages.GenerationAsync(9, default), "fresh"u8.ToArray(), default);
        Assert.Equal("fresh"u8.ToArray(), await _pages.GetAsync(9, 10, default));
    }

    public void Dispose() => _redis.Dispose();
}
