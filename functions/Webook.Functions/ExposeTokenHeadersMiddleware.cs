using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;
using Webook.Core.Auth;
using Webook.Core.Http;

namespace Webook.Functions;

/// <summary>
/// The platform's CORS (host.json/site config) answers preflights and allows origins, but cannot expose
/// response headers; this adds Access-Control-Expose-Headers for the token headers, for allowed origins.
/// </summary>
public sealed class ExposeTokenHeadersMiddleware(IConfiguration configuration) : IFunctionsWorkerMiddleware
{
    private readonly CorsSettings _cors = configuration.GetSection(CorsSettings.Section).Get<CorsSettings>() ?? new CorsSettings();

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var http = context.GetHttpContext();
        string? origin = http?.Request.Headers.Origin;
        if (http is not null && origin is not null && _cors.Allows(origin))
            http.Response.Headers.AccessControlExposeHeaders = $"{Authenticator.AccessTokenHeader}, {Authenticator.RefreshTokenHeader}";
        await next(context);
    }
}
