using Microsoft.Extensions.Options;
using Webook.Core.Common;

namespace Webook.Core.Feed;

/// <summary>
/// This instance's copy of the pulled authors (few: those above Feed:PushThreshold), read again after
/// Feed:PulledAuthorsLifetime; an author pulled since shows in feeds here within that lifetime.
/// </summary>
public sealed class PulledAuthors(IFeedStore store, IOptions<FeedOptions> options, TimeProvider time)
{
    private readonly TimedCopy<IReadOnlySet<long>> _copy = new(store.PulledAuthorsAsync, () => options.Value.PulledAuthorsLifetime, time);

    public Task<IReadOnlySet<long>> GetAsync(CancellationToken ct) => _copy.GetAsync(ct);
}
