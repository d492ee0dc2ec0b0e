using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Http;

namespace Webook.UnitTests.Http;

public sealed class NoRouteHandlerTests
{
    [Theory]
    [InlineData("/users/signup", "POST")]
    [InlineData("/USERS/Signup", "POST")]
    [InlineData("/articles/pub/12", "GET")]
    [InlineData("/articles/pub/like", "GET,POST")]
    [InlineData("/articles/detail/x", "GET")]
    [InlineData("/healthz", "GET")]
    public void A_path_of_the_table_takes_the_methods_of_its_routes(string path, string methods) =>
        Assert.Equal(methods.Split(','), NoRouteHandler.AllowedMethods(path));

    [Theory]
    [InlineData("/")]
    [InlineData("/users")]
    [InlineData("/users/signup/more")]
    [InlineData("/articles/pub")]
    public void A_path_off_the_table_takes_none(string path) => Assert.Empty(NoRouteHandler.AllowedMethods(path));

    [Fact]
    public async Task A_known_path_answers_405_with_allow_and_an_unknown_one_404_both_code_4()
    {
        var known = await ExecuteAsync("GET", "/users/signup");
        var unknown = await ExecuteAsync("GET", "/nothing/here");

        Assert.Equal((405, "POST"), (known.Response.StatusCode, known.Response.Headers.Allow.ToString()));
        Assert.Contains("\"code\":4", known.Body);
        Assert.Equal(404, unknown.Response.StatusCode);
        Assert.False(unknown.Response.Headers.ContainsKey("Allow"));
        Assert.Contains("\"code\":4", unknown.Body);
    }

    private static async Task<(HttpResponse Response, string Body)> ExecuteAsync(string method, string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        var body = new MemoryStream();
        context.Response.Body = body;
        context.RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider();

        await NoRouteHandler.Answer(context.Request).ExecuteAsync(context);

        return (context.Response, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}
