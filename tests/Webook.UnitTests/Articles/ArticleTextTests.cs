using Webook.Core.Articles;

namespace Webook.UnitTests.Articles;

public sealed class ArticleTextTests
{
    [Theory]
    [InlineData("<h1>Title</h1><p>Body &amp; more</p>", 128, "Title Body & more")]
    [InlineData("<script>alert(1)</script><style>p{}</style><p>kept</p>", 128, "kept")]
    [InlineData("<p>  lots \n\n of   space </p>", 128, "lots of space")]
    [InlineData("<p>abcdef</p>", 3, "abc")]
    [InlineData("😀😀😀😀", 2, "😀😀")]
    [InlineData("", 128, "")]
    public void The_abstract_is_the_first_characters_of_the_text(string html, int length, string expected) =>
        Assert.Equal(expected, ArticleText.Abstract(html, length));
}
