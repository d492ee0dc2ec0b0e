using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Webook.Core.Articles;

/// <summary>The abstract: the first characters of the content's text, without markup.</summary>
public static partial class ArticleText
{
    [GeneratedRegex("<(script|style)[^>]*>.*?</\\1>|<[^>]*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Markup();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    public static string Abstract(string html, int length)
    {
        var text = Whitespace().Replace(WebUtility.HtmlDecode(Markup().Replace(html, " ")), " ").Trim();
        var builder = new StringBuilder();
        foreach (var rune in text.EnumerateRunes().Take(length)) builder.Append(rune.ToString());
        return builder.ToString();
    }
}
