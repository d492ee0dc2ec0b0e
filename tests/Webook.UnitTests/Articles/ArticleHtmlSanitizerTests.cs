using Webook.Core.Articles;

namespace Webook.UnitTests.Articles;

public sealed class ArticleHtmlSanitizerTests
{
    private readonly ArticleHtmlSanitizer _html = new();

    [Theory]
    [InlineData("<p>a</p><script>alert(1)</script><p>b</p>", "<p>a</p><p>b</p>")]
    [InlineData("<SCRIPT src=https://evil.example/x.js></SCRIPT>text", "text")]
    [InlineData("<img src=\"https://img.example/a.png\" onerror=\"alert(1)\">", "<img src=\"https://img.example/a.png\">")]
    [InlineData("<p onclick=\"alert(1)\" onmouseover=\"x()\">hi</p>", "<p>hi</p>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\" JaVaScRiPt:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"vbscript:msgbox(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"data:text/html,<script>alert(1)</script>\">x</a>", "<a>x</a>")]
    [InlineData("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"a\">", "<img alt=\"a\">")]
    [InlineData("<img src=\"mailto:a@example.com\">", "<img>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe><object data=\"x.swf\"></object><embed src=\"x.swf\">", "")]
    [InlineData("<form action=\"https://evil.example\"><input name=\"p\"><button>Go</button></form>", "")]
    [InlineData("<style>body{display:none}</style><p>kept</p>", "<p>kept</p>")]
    [InlineData("<svg onload=\"alert(1)\"><circle r=\"1\"></circle></svg>x", "x")]
    [InlineData("<math><mi xlink:href=\"javascript:alert(1)\">m</mi></math>", "")]
    [InlineData("<p style=\"background-image: url(https://track.example/p.gif); color: red\">c</p>", "<p style=\"color: rgba(255, 0, 0, 1)\">c</p>")]
    [InlineData("<p style=\"position: fixed; top: 0\">c</p>", "<p>c</p>")]
    [InlineData("<div class=\"login-overlay\" id=\"root\">c</div>", "<div>c</div>")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\"><base href=\"https://evil.example/\">c", "c")]
    [InlineData("<!-- <script>alert(1)</script> -->c", "c")]
    public void Dangerous_markup_is_removed(string input, string expected) =>
        Assert.Equal(expected, _html.Sanitize(input));

    [Theory]
    [InlineData("<h1>Title</h1><h2>Part</h2><h6>small</h6><p>Body &amp; more<br>next line</p><hr>")]
    [InlineData("<ul><li>one</li><li><em>two</em></li></ul><ol start=\"3\"><li>three</li></ol><dl><dt>term</dt><dd>meaning</dd></dl>")]
    [InlineData("<p><a href=\"https://example.com/a?b=1&amp;c=2\" title=\"t\">web</a> <a href=\"http://example.com\">plain</a> <a href=\"mailto:ada@example.com\">mail</a> <a href=\"/articles/pub/7\">relative</a> <a href=\"#notes\">anchor</a></p>")]
    [InlineData("<figure><img src=\"https://img.example/a.png\" alt=\"An engine\" width=\"640\" height=\"480\"><figcaption>The engine</figcaption></figure>")]
    [InlineData("<pre><code>if (a &lt; b) {\n    return \"x\";\n}</code></pre><p>Use <code>dotnet test</code> or <kbd>Ctrl</kbd>+<kbd>C</kbd>.</p>")]
    [InlineData("<table><caption>Results</caption><thead><tr><th scope=\"col\">a</th><th>b</th></tr></thead><tbody><tr><td colspan=\"2\">both</td></tr><tr><td rowspan=\"1\">x</td><td>y</td></tr></tbody></table>")]
    [InlineData("<blockquote cite=\"https://example.com/source\"><p>Quoted</p></blockquote><p><q>short</q> <cite>Book</cite></p>")]
    [InlineData("<p><strong>bold</strong> <b>b</b> <i>i</i> <u>u</u> <s>s</s> <del>del</del> <ins>ins</ins> <mark>mark</mark> <small>small</small> H<sub>2</sub>O x<sup>2</sup> <abbr title=\"HyperText\">HTML</abbr></p>")]
    [InlineData("<article><header><h1>T</h1></header><section><p>s</p></section><footer>f</footer></article><details><summary>More</summary><p>m</p></details>")]
    [InlineData("<p style=\"text-align: center\"><span style=\"font-weight: bold\">centred</span></p>")]
    [InlineData("<p>中文 😀 &lt;not a tag&gt;</p>")]
    public void Editor_markup_is_kept_intact(string html) =>
        Assert.Equal(html, _html.Sanitize(html));

    [Fact]
    public void Empty_content_stays_empty() => Assert.Equal("", _html.Sanitize(""));

    [Fact]
    public void One_instance_sanitizes_from_many_threads_at_once()
    {
        const string input = "<p onclick=\"x()\">a<script>alert(1)</script><a href=\"javascript:x\">l</a></p>";
        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = _html.Sanitize(input));
        Assert.All(results, r => Assert.Equal("<p>a<a>l</a></p>", r));
    }
}
