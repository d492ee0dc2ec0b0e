namespace Webook.Core.Ranking;

/// <summary>score = (likes - 1) / (age in hours + 2) ^ gravity, and the order of the list.</summary>
public static class HotScore
{
    public static double Of(long likes, DateTimeOffset updatedAt, DateTimeOffset now, double gravity)
    {
        var hours = Math.Max(0, (now - updatedAt).TotalHours);
        return (likes - 1) / Math.Pow(hours + 2, gravity);
    }

    /// <summary>Hotter first: higher score, then newer, then the higher id, so every two candidates have one order.</summary>
    public static readonly IComparer<HotCandidate> Order = Comparer<HotCandidate>.Create((a, b) =>
    {
        var byScore = a.Score.CompareTo(b.Score);
        if (byScore != 0) return byScore;
        var byTime = a.Article.UpdatedAt.CompareTo(b.Article.UpdatedAt);
        return byTime != 0 ? byTime : a.Article.Id.CompareTo(b.Article.Id);
    });
}
