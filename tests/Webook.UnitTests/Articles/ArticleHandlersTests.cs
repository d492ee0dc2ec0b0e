using Webook.Core.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using Webook.Core.Accounts;
using Webook.Core.Articles;

namespace Webook.UnitTests.Articles;

public sealed class ArticleServiceTests
{
    private readonly IArticleStore _store = Substitute.For<IArticleStore>();
    private readonly ArticleService _service;

    public ArticleServiceTests()
    {
        var options = Options.Create(new ArticleOptions());
        var repository = new ArticleRepository(_store, Substitute.For<IArticleCache>(), options, new CacheMetrics(TestMeters.Factory), NullLogger<ArticleRepository>.Instance);
        _service = new ArticleService(repository, Substitute.For<IUserRepository>(), new ArticleHtmlSanitizer(), options);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Drafts_and_publishes_store_sanitized_content_and_its_abstract(bool publish)
    {
        const string content = "<form><p>Enter your password</p></form><p onclick=\"steal()\">Shown</p><script>alert(1)</script>";

        await _service.SaveAsync(1, 0, "Title", content, publish, default);

        await _store.Received(1).SaveAsync(
            Arg.Is<Article>(a => a.Content == "<p>Shown</p>" && a.Abstract == "Shown" && a.Title == "Title" && a.AuthorId == 1),
            publish, Arg.Any<CancellationToken>());
    }
}
