using Ganss.Xss;

namespace Webook.Core.Articles;

/// <summary>
/// The markup an article may contain: what an article editor produces (headings, paragraphs, lists, links,
/// images, code, tables, quotes, emphasis) and nothing that runs or loads code. Everything else is
/// dropped by HtmlSanitizer (AngleSharp's HTML5 parser): elements not listed, with their content
/// (scripts, iframes, objects, forms, style, svg, math), attributes not listed (event handlers, class,
/// id), comments, and URLs whose scheme is not listed (javascript:, vbscript:, data:). Inline styles keep
/// only properties that cannot hold a url().
/// Configured once; <see cref="Sanitize"/> is thread-safe on the shared instance (HtmlSanitizer's
/// contract while nobody changes its settings, and nothing here does after construction).
/// </summary>
public sealed class ArticleHtmlSanitizer
{
    private static readonly string[] Tags =
    [
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "div", "span",
        "article", "section", "header", "footer", "details", "summary",
        "ul", "ol", "li", "dl", "dt", "dd",
        "a", "img", "figure", "figcaption",
        "blockquote", "q", "cite", "pre", "code", "kbd", "samp", "var",
        "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "abbr",
        "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
    ];

    // Allowed on any tag above; HtmlSanitizer's lists are not per tag, and none of these does harm elsewhere.
    private static readonly string[] Attributes =
        ["href", "src", "alt", "title", "width", "height", "cite", "start", "colspan", "rowspan", "scope", "style"];

    // The attributes whose value is a URL, each checked against the schemes.
    private static readonly string[] UrlAttributes = ["href", "src", "cite"];

    private static readonly string[] Schemes = ["http", "https", "mailto"];

    // Text colour, alignment and emphasis; none of these takes a url() or moves the element out of the flow.
    private static readonly string[] CssProperties =
        ["color", "background-color", "text-align", "text-decoration", "font-weight", "font-style"];

    private readonly HtmlSanitizer _sanitizer;

    public ArticleHtmlSanitizer()
    {
        var options = HtmlSanitizerOptions.Empty();
        options.AllowedTags.UnionWith(Tags);
        options.AllowedAttributes.UnionWith(Attributes);
        options.UriAttributes.UnionWith(UrlAttributes);
        options.AllowedSchemes.UnionWith(Schemes);
        options.AllowedCssProperties.UnionWith(CssProperties);
        _sanitizer = new HtmlSanitizer(options);
        // mailto: is for links; an image or a quote source is fetched over http(s) only.
        _sanitizer.FilterUrl += (_, e) =>
        {
            if (e.Tag.LocalName != "a" && e.SanitizedUrl?.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) == true)
                e.SanitizedUrl = null;
        };
    }

    /// <summary>The allowed part of an HTML fragment, serialised again as HTML.</summary>
    public string Sanitize(string html) => html.Length == 0 ? html : _sanitizer.Sanitize(html);
}
