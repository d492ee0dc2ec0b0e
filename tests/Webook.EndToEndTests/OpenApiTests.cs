using Webook.Core.Collections;
using Webook.Core.Follows;
using Webook.Core.Messages;
using Webook.Core.Notifications;
using System.Net;
using Webook.Core.Accounts;
using Webook.Core.Articles;
using Webook.Core.Ranking;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Http;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>The OpenAPI document at /openapi/v1.json and its Scalar page (on in Development, which the test servers run in).</summary>
public sealed class OpenApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string DocumentPath = "/openapi/v1.json";

    [Fact]
    public async Task The_document_lists_exactly_the_routes_of_the_shared_table_under_their_function_names()
    {
        var document = await ReadDocumentAsync();

        var documented = Operations(document)
            .Select(o => $"{o.Method} {o.Path} {o.Operation.GetProperty("operationId").GetString()}")
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(RouteTable().Order(StringComparer.Ordinal), documented);
    }

    [Fact]
    public void The_only_named_endpoints_are_the_routes_of_the_shared_table()
    {
        var names = NamedEndpoints().Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName).Order(StringComparer.Ordinal);
        var tableNames = RouteConstants.All().Select(r => r.Name).Order(StringComparer.Ordinal);

        Assert.Equal(tableNames, names);
    }

    [Fact]
    public async Task Signup_takes_the_fields_of_the_api_contract()
    {
        var document = await ReadDocumentAsync();
        var signup = document.GetProperty("paths").GetProperty("/" + AccountRoutes.Signup).GetProperty("post");

        var body = Resolve(document, signup.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        var fields = body.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["confirmPassword", "confirm_password", "email", "password"], fields);
    }

    [Fact]
    public async Task Every_answer_is_the_envelope()
    {
        var document = await ReadDocumentAsync();

        foreach (var (method, path, operation) in Operations(document))
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject())
            {
                var schema = Resolve(document, response.Value.GetProperty("content").GetProperty("application/json").GetProperty("schema"));
                var properties = schema.GetProperty("properties");
                Assert.True(properties.TryGetProperty("code", out var code), $"{method} {path} {response.Name} has no code");
                Assert.Equal("integer", code.GetProperty("type").GetString());
                Assert.Equal("string", properties.GetProperty("msg").GetProperty("type").GetString());
                Assert.True(properties.TryGetProperty("data", out _), $"{method} {path} {response.Name} has no data");
            }
        }
    }

    [Fact]
    public async Task Answers_carry_the_data_of_the_api_contract()
    {
        var document = await ReadDocumentAsync();

        // api.md, "WeChat login": the profile gains wechatBound.
        Assert.Equal(["aboutMe", "birthday", "email", "id", "nickname", "phone", "wechatBound"], DataFields(document, "get", AccountRoutes.Profile));
        Assert.Equal(["abstract", "author", "commentCnt", "id", "likeCnt", "readCnt", "title", "utime"], DataFields(document, "get", HotListRoutes.HotList));
        Assert.Equal(["author", "collectCnt", "collected", "commentCnt", "content", "contentUrl", "ctime", "id", "likeCnt", "liked", "readCnt", "title", "utime"],
            DataFields(document, "get", ArticleRoutes.PublishedArticle));
        Assert.Equal(["followed", "followees", "followers"], DataFields(document, "get", FollowRoutes.Static));
        Assert.Equal(["followed"], DataFields(document, "get", FollowRoutes.Check));
        Assert.Equal(["count", "ctime", "description", "id", "name"], DataFields(document, "get", CollectionRoutes.List));
        Assert.Equal(["abstract", "author", "id", "title", "utime"], DataFields(document, "get", CollectionRoutes.Liked));
        Assert.Equal(["abstract", "author", "id", "title", "utime"], DataFields(document, "get", CollectionRoutes.Collected));
        Assert.Equal(["content", "ctime", "from", "id", "to"], DataFields(document, "get", MessageRoutes.Chat));
        Assert.Equal(["last", "unread", "user"], DataFields(document, "get", MessageRoutes.Conversations));
        Assert.Equal(["actor", "article", "comment", "count", "ctime", "id", "read", "type"], DataFields(document, "get", NotificationRoutes.List));
    }

    [Fact]
    public async Task The_scalar_page_answers()
    {
        using var client = fixture.Server.CreateClient();

        using var page = await client.GetAsync("/scalar/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        // Its script is served from the package, not a CDN.
        using var script = await client.GetAsync("/scalar/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task Switched_off_neither_the_document_nor_the_page_is_served()
    {
        await using var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["OpenApi:Enabled"] = "false" });
        using var client = server.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(DocumentPath)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/scalar/")).StatusCode);
    }

    private async Task<JsonElement> ReadDocumentAsync()
    {
        using var client = fixture.Server.CreateClient();
        return JsonDocument.Parse(await client.GetStringAsync(DocumentPath)).RootElement.Clone();
    }

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path =>
            path.Value.EnumerateObject().Select(operation => (operation.Name.ToUpperInvariant(), path.Name, operation.Value)));

    /// <summary>"METHOD /path Name" of every route constant, the method as Webook.Server maps it.</summary>
    private IEnumerable<string> RouteTable()
    {
        var endpoints = NamedEndpoints().ToDictionary(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName);
        return RouteConstants.All().Select(route =>
        {
            var endpoint = endpoints[route.Name];
            var method = Assert.Single(endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods);
            return $"{method} /{route.Template} {route.Name}";
        });
    }

    private IEnumerable<RouteEndpoint> NamedEndpoints() =>
        fixture.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is not null);

    private static IEnumerable<string> DataFields(JsonElement document, string method, string route)
    {
        var success = document.GetProperty("paths").GetProperty("/" + route).GetProperty(method).GetProperty("responses").GetProperty("200");
        var envelope = Resolve(document, success.GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        var data = envelope.GetProperty("properties").GetProperty("data");
        // Data is null on a refusal: {oneOf: [{type: null}, {$ref}]} for an object, {type: [null, array], items} for a list.
        if (data.TryGetProperty("oneOf", out var oneOf)) data = oneOf.EnumerateArray().Single(s => s.TryGetProperty("$ref", out _));
        if (data.TryGetProperty("items", out var items)) data = items;
        return Resolve(document, data).GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!["#/components/schemas/".Length..])
            : schema;
}
