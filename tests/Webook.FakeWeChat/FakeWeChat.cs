using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Webook.Fakes;

/// <summary>What the fake does with a code when it is exchanged.</summary>
public enum CodeBehaviour { Answer, Fail500, ErrorBody, Delay, Hang }

/// <summary>A code the fake handed out: whom it names, and how its exchange goes.</summary>
public sealed record IssuedCode(string OpenId, string? UnionId, CodeBehaviour Behaviour = CodeBehaviour.Answer, TimeSpan Delay = default, int ErrCode = -1);

/// <summary>
/// WeChat's website-login endpoints on a real loopback port, speaking WeChat's protocol: GET /sns/oauth2/access_token
/// checks appid, secret and grant_type and answers WeChat's JSON (errcode 40013 wrong appid, 40125 wrong secret, 40029
/// unknown code, 40163 code used; a code works once); GET /connect/qrconnect plays the QR page of a phone that scans at
/// once: it hands out a fresh code for <see cref="ScannerOpenId"/> and redirects to redirect_uri with code and state.
/// POST /fake/codes {openid, unionid?} hands out a code over HTTP. Codes can fail, answer an errcode, wait or hang.
/// </summary>
public sealed class FakeWeChat : IAsyncDisposable
{
    private readonly WebApplication _server;
    private readonly ConcurrentDictionary<string, IssuedCode> _codes = new();
    private readonly ConcurrentDictionary<string, bool> _used = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _exchanges;

    private FakeWeChat(WebApplication server, string appId, string appSecret)
    {
        _server = server;
        AppId = appId;
        AppSecret = appSecret;
    }

    public string AppId { get; }
    public string AppSecret { get; }
    public Uri BaseUrl { get; private set; } = null!;
    public Uri QrConnectUrl => new(BaseUrl, "connect/qrconnect");

    /// <summary>Whom the QR page logs in; a unionid as WeChat gives it to an app bound to an open platform account.</summary>
    public string ScannerOpenId { get; set; } = "o-local-scanner";
    public string? ScannerUnionId { get; set; } = "u-local-scanner";

    /// <summary>Cancelled when the host is asked to stop (SIGTERM or Ctrl-C to the program: its console lifetime takes them).</summary>
    public CancellationToken Stopping => _server.Lifetime.ApplicationStopping;

    /// <summary>Calls of the code exchange so far, whatever they answered.</summary>
    public int Exchanges => Volatile.Read(ref _exchanges);

    public static async Task<FakeWeChat> StartAsync(string appId, string appSecret, string url = "http://127.0.0.1:0")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        var server = builder.Build();
        var fake = new FakeWeChat(server, appId, appSecret);
        server.MapGet("/sns/oauth2/access_token", (Delegate)fake.ExchangeAsync);
        server.MapGet("/connect/qrconnect", (Delegate)fake.Scan);
        server.MapPost("/fake/codes", async (HttpContext context) =>
        {
            var asked = await context.Request.ReadFromJsonAsync<CodeRequest>();
            return asked is { OpenId.Length: > 0 } ? Results.Json(new { code = fake.Issue(new IssuedCode(asked.OpenId, asked.UnionId)) }) : Results.BadRequest();
        });
        await server.StartAsync();
        fake.BaseUrl = new Uri(server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/");
        return fake;
    }

    /// <summary>A fresh code that names <paramref name="code"/>'s user when exchanged.</summary>
    public string Issue(IssuedCode code)
    {
        var value = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        _codes[value] = code;
        return value;
    }

    private async Task<IResult> ExchangeAsync(HttpContext context)
    {
        Interlocked.Increment(ref _exchanges);
        var query = context.Request.Query;
        if (query["appid"] != AppId) return Error(40013, "invalid appid");
        if (query["secret"] != AppSecret) return Error(40125, "invalid appsecret");
        if (query["grant_type"] != "authorization_code") return Error(40002, "invalid grant_type");
        if (query["code"].ToString() is not { Length: > 0 } code) return Error(41008, "missing code");
        if (!_codes.TryGetValue(code, out var issued)) return Error(40029, "invalid code");
        switch (issued.Behaviour)
        {
            case CodeBehaviour.Fail500: return Results.StatusCode(500);
            case CodeBehaviour.ErrorBody: return Error(issued.ErrCode, "system error");
            case CodeBehaviour.Delay: await Task.Delay(issued.Delay, context.RequestAborted); break;
            case CodeBehaviour.Hang:
                await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token).Token)
                    .ContinueWith(_ => { }, TaskScheduler.Default);
                return Results.Empty;
        }
        if (!_used.TryAdd(code, true)) return Error(40163, "code been used");
        return Results.Json(new Dictionary<string, object?>
        {
            ["access_token"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            ["expires_in"] = 7200,
            ["refresh_token"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            ["openid"] = issued.OpenId,
            ["scope"] = "snsapi_login",
            ["unionid"] = issued.UnionId,
        }.Where(p => p.Value is not null).ToDictionary());
    }

    private IResult Scan(HttpContext context)
    {
        var query = context.Request.Query;
        if (query["appid"] != AppId || query["response_type"] != "code" || query["scope"] != "snsapi_login"
            || !Uri.TryCreate(query["redirect_uri"], UriKind.Absolute, out var back))
            return Results.Content("<p>This QR-connect request is not one WeChat would take.</p>", "text/html", statusCode: 400);
        var code = Issue(new IssuedCode(ScannerOpenId, ScannerUnionId));
        var separator = back.Query.Length > 0 ? "&" : "?";
        return Results.Redirect($"{back}{separator}code={code}&state={Uri.EscapeDataString(query["state"].ToString())}");
    }

    private static IResult Error(int code, string message) => Results.Json(new { errcode = code, errmsg = message });

    private sealed record CodeRequest(string OpenId, string? UnionId);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _server.StopAsync();
        await _server.DisposeAsync();
    }
}
