using System.Text;
using BenchmarkDotNet.Attributes;
using Webook.Core.Articles;

namespace Webook.Benchmarks;

/// <summary>Every save and publish sanitizes the article once: a typical 2 KiB article and the 1 MiB maximum.</summary>
[MemoryDiagnoser]
public class SanitizerBenchmarks
{
    private readonly ArticleHtmlSanitizer _html = new();
    private string _article = "";

    [Params(2 * 1024, 1024 * 1024)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup() => _article = Article(Bytes);

    [Benchmark]
    public string Sanitize() => _html.Sanitize(_article);

    // Editor markup (headings, paragraphs with emphasis and links, a list, code, an image) with some
    // hostile parts to remove, repeated up to the size.
    private static string Article(int bytes)
    {
        const string block =
            "<h2>Section</h2><p>Some <strong>text</strong> with <a href=\"https://example.com/a?b=1\">a link</a>, "
            + "<em>emphasis</em> and <code>code</code>.</p><ul><li>one</li><li>two</li></ul>"
            + "<pre><code>for (var i = 0; i &lt; n; i++) { sum += i; }</code></pre>"
            + "<p onclick=\"steal()\"><img src=\"https://img.example/a.png\" alt=\"figure\" onerror=\"x()\"></p>"
            + "<script>alert(1)</script><a href=\"javascript:alert(1)\">bad</a>";
        var builder = new StringBuilder(bytes + block.Length);
        while (builder.Length + block.Length <= bytes) builder.Append(block);
        return builder.ToString();
    }
}
