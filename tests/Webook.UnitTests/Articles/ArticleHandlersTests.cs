using Webook.Core.Comments;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using Webook.Core.Accounts;
using Webook.Core.Articles;
using Webook.Core.Ranking;
using Webook.Core.Auth;
using Webook.Core.Common;
using Webook.Core.Http;
using Webook.Core.Interactions;

namespace Webook.UnitTests.Articles;

public sealed class ArticleHandlersTests
{
    private readonly IArticleStore _store = Substitute.For<IArticleStore>();
    private readonly IReadEventPublisher _reads = Substitute.For<IReadEventPublisher>();
    private readonly TokenService _tokens = new(Options.Create(new AuthOptions { AccessTokenKey = new string('a', 32), RefreshTokenKey = new string('r', 32) }),
        TimeProvider.System);
    private readonly ArticleHandlers _handlers;

    public ArticleHandlersTests()
    {
        var options = Options.Create(new ArticleOptions());
        var metrics = new CacheMetrics(TestMeters.Factory);
        var repository = new ArticleRepository(_store, Substitute.For<IArticleCache>(), Substitute.For<IHotListJournal>(), options, metrics, NullLogger<ArticleRepository>.Instance);
        var profiles = new UserProfiles(Substitute.For<IUserStore>(), Substitute.For<IUserCache>(), metrics, TimeProvider.System, NullLogger<UserProfiles>.Instance);
        var interactionStore = Substitute.For<IInteractionStore>();
        interactionStore.GetCountsAsync(default, default).ReturnsForAnyArgs(call => new InteractionCounts(call.Arg<long>(), 1, 0, 0, 0));
        interactionStore.GetUserInteractionAsync(default, default, default).ReturnsForAnyArgs(new UserInteraction(false, false));
        var readers = Substitute.For<IReaderStateCache>();
        readers.GetAsync(default, default, default).ReturnsForAnyArgs((UserInteraction?)null);
        var interactions = new InteractionRepository(interactionStore, Substitute.For<ICountCache>(), readers, Substitute.For<ICountsMirror>(), metrics, NullLogger<InteractionRepository>.Instance);
        var auth = new Authenticator(_tokens, Substitute.For<ISessionRevocations>(), Substitute.For<IRefreshTokenStore>(), NullLogger<Authenticator>.Instance);
        var comments = new CommentCounts(Substitute.For<ICommentStore>(),
            new LocalCacheTier(Substitute.For<IInvalidationBus>(), Options.Create(new LocalCacheOptions())));
        _handlers = new ArticleHandlers(repository, new ArticleHtmlSanitizer(), profiles, interactions, comments, _reads, auth,
            TimeProvider.System, options);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Drafts_and_publishes_store_sanitized_content_and_its_abstract(bool publish)
    {
        const string content = "<form><p>Enter your password</p></form><p onclick=\"steal()\">Shown</p><script>alert(1)</script>";
        var body = new SaveArticleRequest { Id = 0, Title = "Title", Content = content };

        await _handlers.SaveAsync(new RouteCall<SaveArticleRequest>(new DefaultHttpContext().Request, new UserSession(1, "s"), body, default), publish);

        await _store.Received(1).SaveAsync(
            Arg.Is<Article>(a => a.Content == "<p>Shown</p>" && a.Abstract == "Shown" && a.Title == "Title" && a.AuthorId == 1),
            publish, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Opening_an_article_publishes_a_read_of_the_reader_or_of_nobody()
    {
        _store.GetPublishedAsync(42, Arg.Any<CancellationToken>()).Returns(new Article { Id = 42, AuthorId = 7, Title = "T" });

        await _handlers.PublishedAsync(Opening(42, "Bearer " + _tokens.Issue(TokenKind.Access, new UserSession(1, "s"), "ua")));
        await _handlers.PublishedAsync(Opening(42, authorization: null));

        _reads.Received(1).Publish(Arg.Is<ReadEvent>(r => r.ArticleId == 42 && r.UserId == 1));
        _reads.Received(1).Publish(Arg.Is<ReadEvent>(r => r.ArticleId == 42 && r.UserId == 0));
    }

    private static RouteCall<NoBody> Opening(long id, string? authorization)
    {
        var context = new DefaultHttpContext();
        context.Request.RouteValues["id"] = id.ToString();
        context.Request.Headers.UserAgent = "ua";
        if (authorization is not null) context.Request.Headers.Authorization = authorization;
        return new RouteCall<NoBody>(context.Request, null, NoBody.Value, default);
    }
}
