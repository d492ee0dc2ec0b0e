using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Webook.Core.Accounts;
using Webook.Core.Articles;
using Webook.Core.Http;

namespace Webook.Benchmarks;

/// <summary>
/// Every answer is an envelope serialized with WebookJson.Options onto the response: the cost and the
/// allocations of that step for the two hottest reads (what ApiResults.Ok's JSON result writes).
/// </summary>
[MemoryDiagnoser]
public class EnvelopeBenchmarks
{
    private readonly Envelope _profile = new(ApiResults.Success, "OK",
        new ProfileView(123456789, "ada@example.com", "+8613800138000", "Ada", "1990-01-01", "Writes about engines.", false));

    private readonly Envelope _article = new(ApiResults.Success, "OK", new PublishedArticleView(
        42, "On the Analytical Engine", string.Concat(Enumerable.Repeat("<p>The engine weaves algebraic patterns.</p>", 45)),
        "https://cdn.example.com/content/42-abc.html", new AuthorView(7, "Ada"), 1200, 35, 4, 12, true, false,
        1_700_000_000_000, 1_700_000_100_000));

    [Benchmark]
    public Task Profile() => JsonSerializer.SerializeAsync(Stream.Null, _profile, WebookJson.Options);

    [Benchmark(Description = "Published article, 2 KB of HTML")]
    public Task Article() => JsonSerializer.SerializeAsync(Stream.Null, _article, WebookJson.Options);
}
