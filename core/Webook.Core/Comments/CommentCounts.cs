using Webook.Core.Common;

namespace Webook.Core.Comments;

/// <summary>
/// An article's comment count for the views that show it beside the article (the reader view), with this instance's
/// copy (<see cref="LocalCacheTier"/>): every post and delete drops it in every instance.
/// </summary>
public sealed class CommentCounts(ICommentStore store, LocalCacheTier local)
{
    private sealed record Count(long Value);

    public async Task<long> OfAsync(long articleId, CancellationToken ct) =>
        (await local.GetOrReadAsync(Key(articleId), async () => new Count((await store.CountAsync(articleId, ct)).Count)))!.Value;

    public void Changed(long articleId) => local.Invalidate(Key(articleId));

    private static string Key(long articleId) => $"comments:count:{articleId}";
}
