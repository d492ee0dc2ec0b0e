using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Http;
using Webook.Core.Ranking;

namespace Webook.UnitTests.Http;

public sealed class SerializedEnvelopeTests
{
    [Fact]
    public async Task It_writes_the_bytes_and_headers_the_serializing_answer_writes()
    {
        IReadOnlyList<HotArticle> list = [new(7, "T <b>", "a & b", new HotAuthor(3, "Ada"), 2, 5, 1, 1_700_000_000_000)];

        var (serializedType, serializedBody) = await WriteAsync(SerializedEnvelope.Ok(list));
        var (jsonType, jsonBody) = await WriteAsync(ApiResults.Ok(list));

        Assert.Equal(jsonType, serializedType);
        Assert.Equal(jsonBody, serializedBody);
        Assert.Contains("\"title\":\"T <b>\"", jsonBody);
    }

    private static async Task<(string? ContentType, string Body)> WriteAsync(IResult result)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return (context.Response.ContentType, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}
