using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using Webook.Core.Http;

namespace Webook.Server;

/// <summary>
/// The OpenAPI document of the route table at /openapi/v1.json and a Scalar page that browses it at /scalar.
/// Served where OpenApi:Enabled says; unset, in Development only.
/// </summary>
public static class ApiDocumentation
{
    public const string EnabledSetting = "OpenApi:Enabled";

    private const string AccessToken = "accessToken";
    private const string RefreshToken = "refreshToken";

    public static bool IsEnabled(WebApplicationBuilder builder) =>
        builder.Configuration.GetValue<bool?>(EnabledSetting) ?? builder.Environment.IsDevelopment();

    public static void AddWebookOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(options => options
            .AddDocumentTransformer((document, _, _) => DescribeDocument(document))
            .AddOperationTransformer((operation, context, _) => DescribeOperation(operation, context)));
        // The schemas follow these options: say what WebookJson reads, numbers only as numbers.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.NumberHandling = WebookJson.Options.NumberHandling);
    }

    public static void MapWebookApiDocumentation(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        // The page's script is in the package; it calls out for nothing else: no telemetry, AI agent or CDN fonts.
        app.MapScalarApiReference(scalar => scalar.WithTitle("webook API").DisableTelemetry().DisableAgent().DisableDefaultFonts());
    }

    private static Task DescribeDocument(OpenApiDocument document)
    {
        document.Info.Title = "webook";
        document.Info.Description = "Every JSON answer is the envelope {code, msg, data}: code 0 success, 4 the caller's mistake " +
                                    "(HTTP 200, or 400 for a body that is not JSON of the right shape, 401 for a token), 5 ours (HTTP 500). " +
                                    "On a refusal data is null.";
        document.AddComponent(AccessToken, BearerScheme("The access token from x-jwt-token."));
        document.AddComponent(RefreshToken, BearerScheme("The refresh token from x-refresh-token; it works once."));
        return Task.CompletedTask;
    }

    // Route parameters, tokens and token headers: metadata has no words for these when handlers read the request themselves.
    private static async Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        // Every route parameter of the table is an id (articles/detail/{id}, articles/pub/{id}).
        foreach (var name in RouteParameters(context.Description.RelativePath))
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name, In = ParameterLocation.Path, Required = true,
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" },
            });
        }
        var route = metadata.OfType<ApiRoute>().FirstOrDefault();
        if (route is { Auth: not RouteAuth.None })
        {
            var scheme = new OpenApiSecuritySchemeReference(route.Auth == RouteAuth.Refresh ? RefreshToken : AccessToken, context.Document);
            operation.Security = [new OpenApiSecurityRequirement { [scheme] = [] }];
            // An empty requirement makes the token optional.
            if (route.Auth == RouteAuth.OptionalAccess) operation.Security.Add(new OpenApiSecurityRequirement());
        }
        if (route?.Body is { } body)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(body) },
                },
            };
        }
        if (route is { IssuesTokens: true } && operation.Responses?.GetValueOrDefault("200") is OpenApiResponse success)
        {
            success.Headers ??= new Dictionary<string, IOpenApiHeader>();
            success.Headers["x-jwt-token"] = TokenHeader("A new access token.");
            success.Headers["x-refresh-token"] = TokenHeader("A new refresh token.");
        }
    }

    private static IEnumerable<string> RouteParameters(string? path) =>
        (path ?? "").Split('/').Where(s => s.StartsWith('{') && s.EndsWith('}')).Select(s => s[1..^1]);

    private static OpenApiSecurityScheme BearerScheme(string description) =>
        new() { Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT", Description = description };

    private static OpenApiHeader TokenHeader(string description) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
}
