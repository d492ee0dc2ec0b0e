namespace Webook.Core.Ranking;

/// <summary>
/// The hot list's candidates as the job last saw them, current to one number of the journal: every published article of
/// the window with its likes and reads, and the titles and author names of the articles last listed (the only text
/// kept, so a million candidates fit in about 50 MB).
/// </summary>
public sealed class HotListSnapshot(string epoch, long sequence, DateTimeOffset builtAt)
{
    private readonly Dictionary<long, HotCandidate> _candidates = [];

    public string Epoch { get; } = epoch;
    public long Sequence { get; set; } = sequence;
    public DateTimeOffset BuiltAt { get; } = builtAt;
    public int Count => _candidates.Count;
    public Dictionary<long, PublishedSummary> Listed { get; } = [];
    public Dictionary<long, string> AuthorNames { get; } = [];

    public IEnumerable<HotCandidate> Candidates => _candidates.Values;

    public bool Contains(long id) => _candidates.ContainsKey(id);

    public void Put(PublishedStamp article, long likes, long reads, long comments) =>
        _candidates[article.Id] = new HotCandidate(article, likes, reads, comments, 0);

    public void Recount(long id, long likes, long reads, long comments)
    {
        if (_candidates.TryGetValue(id, out var candidate)) _candidates[id] = candidate with { Likes = likes, Reads = reads, Comments = comments };
    }

    /// <summary>The published row changed: forget the article and its text until it is read again.</summary>
    public void Remove(long id)
    {
        _candidates.Remove(id);
        Listed.Remove(id);
    }

    public void DropOlderThan(DateTimeOffset since)
    {
        foreach (var (id, candidate) in _candidates)
            if (candidate.Article.UpdatedAt < since) _candidates.Remove(id);
    }

    /// <summary>The best <paramref name="size"/> by the score at <paramref name="now"/>, hottest first.</summary>
    public List<HotCandidate> Top(int size, DateTimeOffset now, double gravity)
    {
        var top = new Common.TopN<HotCandidate>(size, c => c.Score, HotScore.Order);
        foreach (var candidate in _candidates.Values)
            top.Offer(candidate with { Score = HotScore.Of(candidate.Likes, candidate.Article.UpdatedAt, now, gravity) });
        return top.Descending();
    }

    /// <summary>Keeps the text of these winners only.</summary>
    public void KeepTextOf(IReadOnlyCollection<HotCandidate> winners)
    {
        var ids = winners.Select(w => w.Article.Id).ToHashSet();
        var authors = winners.Select(w => w.Article.AuthorId).ToHashSet();
        foreach (var id in Listed.Keys) if (!ids.Contains(id)) Listed.Remove(id);
        foreach (var id in AuthorNames.Keys) if (!authors.Contains(id)) AuthorNames.Remove(id);
    }
}
