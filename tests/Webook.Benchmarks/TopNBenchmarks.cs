using BenchmarkDotNet.Attributes;
using Webook.Core.Common;
using Webook.Core.Ranking;

namespace Webook.Benchmarks;

/// <summary>
/// The hot-list job's in-memory step: the best 100 of 1,000,000 scored candidates by <see cref="HotScore.Order"/>,
/// kept by the job's <see cref="TopN{T}"/> (score first, a buffer of 2N cut by quickselect) against sorting all of them (LINQ OrderByDescending with the
/// same comparer, then Take(100)). <see cref="FullSort"/> is a sort of every candidate (Array.Sort of a copy), since
/// LINQ's OrderBy(...).Take(n) is itself a partial sort. Random: the candidates in no order; Ascending: in
/// increasing score, the worst case (every candidate is accepted). <see cref="ReadScores"/> is the floor under any
/// top-N: each score read once (slower in ascending arrival, which visits the candidates out of allocation order).
/// </summary>
[MemoryDiagnoser]
public class TopNBenchmarks
{
    private const int Top = 100;
    private HotCandidate[] _candidates = [];

    [Params(1_000_000)]
    public int Candidates { get; set; }

    [Params(Arrival.Random, Arrival.Ascending)]
    public Arrival Input { get; set; }

    public enum Arrival { Random, Ascending }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261123);
        var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        _candidates = new HotCandidate[Candidates];
        for (var i = 0; i < Candidates; i++)
        {
            // Likes spread over orders of magnitude, ages over the 7-day window: scores like the job's.
            var likes = (long)Math.Exp(random.NextDouble() * Math.Log(100_000));
            var updated = now - TimeSpan.FromMinutes(random.Next(7 * 24 * 60));
            var article = new PublishedStamp(1_000_000_000 + i, 1 + i % 1000, updated);
            _candidates[i] = new HotCandidate(article, likes, likes * 10, 0, HotScore.Of(likes, updated, now, 1.5));
        }
        if (Input == Arrival.Ascending) Array.Sort(_candidates, HotScore.Order);

        var heap = Heap();
        var sorted = SortTake();
        if (!heap.SequenceEqual(sorted) || !FullSort().SequenceEqual(sorted) || sorted.Count != Top)
            throw new InvalidOperationException("the top-N and the sorts disagree");
    }

    [Benchmark(Baseline = true, Description = "OrderByDescending(HotScore.Order).Take(100)")]
    public List<HotCandidate> SortTake() => _candidates.OrderByDescending(c => c, HotScore.Order).Take(Top).ToList();

    [Benchmark(Description = "TopN<HotCandidate>(100, Score, HotScore.Order)")]
    public List<HotCandidate> Heap()
    {
        var top = new TopN<HotCandidate>(Top, c => c.Score, HotScore.Order);
        foreach (var candidate in _candidates) top.Offer(candidate);
        return top.Descending();
    }

    /// <summary>The floor under any top-N: reading every candidate's score once, in the order they arrive.</summary>
    [Benchmark(Description = "read every Score once (floor)")]
    public double ReadScores()
    {
        var sum = 0.0;
        foreach (var candidate in _candidates) sum += candidate.Score;
        return sum;
    }

    [Benchmark(Description = "Array.Sort(copy, HotScore.Order), last 100")]
    public List<HotCandidate> FullSort()
    {
        var copy = (HotCandidate[])_candidates.Clone();
        Array.Sort(copy, HotScore.Order);
        var top = new List<HotCandidate>(Top);
        for (var i = copy.Length - 1; i >= copy.Length - Top; i--) top.Add(copy[i]);
        return top;
    }
}
