using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Webook.TestSupport;

/// <summary>
/// Azure Communication Services' SMS endpoint on a real loopback port: it checks each request's HMAC
/// signature the way ACS documents it, answers 202 (or what <see cref="Answer"/> says), and keeps every
/// request it got, so tests read the codes our production ACS client delivered instead of reading logs.
/// <see cref="Answer"/> of <see cref="Shared"/> is every test server's: tests that change it start their own.
/// </summary>
public sealed partial class FakeAcsSms : IAsyncDisposable
{
    private static readonly Lazy<FakeAcsSms> SharedInstance = new(Start);
    private static int _lastFrom;

    private readonly WebApplication _server;
    private readonly List<AcsRequest> _requests = [];
    private TaskCompletionSource _changed = NewSignal();

    private FakeAcsSms(WebApplication server, Uri endpoint, string accessKey)
    {
        _server = server;
        Endpoint = endpoint;
        AccessKey = accessKey;
    }

    /// <summary>One fake for the whole test process; each server tells its messages apart by its own sending number.</summary>
    public static FakeAcsSms Shared => SharedInstance.Value;

    public Uri Endpoint { get; }
    public string AccessKey { get; }
    public string ConnectionString => $"endpoint={Endpoint};accesskey={AccessKey}";

    /// <summary>Answers a request whose signature held; its argument is the request's number, from 1. Default: accept every recipient.</summary>
    public Func<int, HttpContext, Task> Answer { get; set; } = (_, context) => AcceptAsync(context, successful: true);

    public IReadOnlyList<AcsRequest> Requests
    {
        get { lock (_requests) return _requests.ToList(); }
    }

    /// <summary>A sending number no other server of this process uses (E.164, in the +1 800 555 range of fictional numbers).</summary>
    public static string NewFrom() => "+1800555" + Interlocked.Increment(ref _lastFrom).ToString("D7", CultureInfo.InvariantCulture);

    public static FakeAcsSms Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var server = builder.Build();
        FakeAcsSms? fake = null;
        server.Run(context => fake!.HandleAsync(context));
        server.StartAsync().GetAwaiter().GetResult();
        var address = server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake = new FakeAcsSms(server, new Uri(address + "/"), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        return fake;
    }

    /// <summary>The signed requests sent from <paramref name="from"/>.</summary>
    public IReadOnlyList<AcsRequest> SentFrom(string from) => Requests.Where(r => r.SignatureValid && r.From == from).ToList();

    /// <summary>The texts of the signed requests from <paramref name="from"/> to <paramref name="phone"/> (E.164, or 11 digits taken as +86).</summary>
    public IReadOnlyList<string> MessagesTo(string from, string phone)
    {
        var e164 = phone.StartsWith('+') || phone.Length != 11 ? phone : "+86" + phone;
        return SentFrom(from).Where(r => r.To.Contains(e164)).Select(r => r.Message).ToList();
    }

    /// <summary>The code of the last message from <paramref name="from"/> to the phone, waiting up to <paramref name="wait"/> (30 s) for one.</summary>
    public async Task<string> CodeSentAsync(string from, string phone, TimeSpan? wait = null)
    {
        using var deadline = new CancellationTokenSource(wait ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            var code = MessagesTo(from, phone).Select(m => CodePattern().Match(m)).LastOrDefault(m => m.Success);
            if (code is not null) return code.Groups[1].Value;
            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"ACS got no code from {from} for {phone}");
            }
        }
    }

    /// <summary>ACS's 202, one entry per recipient of the request, each accepted or refused.</summary>
    public static Task AcceptAsync(HttpContext context, bool successful)
    {
        var recipients = context.Items[typeof(AcsRequest)] is AcsRequest { To.Count: > 0 } request ? request.To : [""];
        context.Response.StatusCode = 202;
        return context.Response.WriteAsJsonAsync(new
        {
            value = recipients.Select(to => new
            {
                to,
                messageId = successful ? "Outgoing_" + Guid.NewGuid().ToString("N") : null,
                httpStatusCode = successful ? 202 : 400,
                errorMessage = successful ? null : "Invalid To phone number format.",
                repeatabilityResult = "accepted",
                successful,
            }),
        });
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var problem = SignatureProblem(context.Request, body);
        var request = AcsRequest.Read(context.Request.Path + context.Request.QueryString.Value, problem, body);
        context.Items[typeof(AcsRequest)] = request;
        int number;
        lock (_requests)
        {
            _requests.Add(request);
            number = _requests.Count;
        }

        if (problem is not null)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsJsonAsync(new { error = new { code = "Denied", message = "Denied by HMAC check" } });
        }
        else
        {
            await Answer(number, context);
        }
        Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();
    }

    // The documented scheme, written out independently of our client:
    // "POST\n" + path and query + "\n" + x-ms-date + ";" + host + ";" + x-ms-content-sha256, HMAC-SHA256 with the decoded key.
    private string? SignatureProblem(HttpRequest request, byte[] body)
    {
        var contentHash = Convert.ToBase64String(SHA256.HashData(body));
        if (request.Headers["x-ms-content-sha256"] != contentHash) return "content hash";
        var date = request.Headers["x-ms-date"].ToString();
        if (!DateTimeOffset.TryParseExact(date, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sent)
            || (DateTimeOffset.UtcNow - sent).Duration() > TimeSpan.FromMinutes(5))
            return "date";
        var stringToSign = "POST\n" + request.Path + request.QueryString.Value + "\n" + date + ";" + request.Host.Value + ";" + contentHash;
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(AccessKey), Encoding.UTF8.GetBytes(stringToSign)));
        return request.Headers.Authorization == "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + signature
            ? null
            : "signature";
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [GeneratedRegex(@"code is (\d{6})")]
    private static partial Regex CodePattern();
}

/// <summary>One request as the fake ACS received it: where it went, whether its signature held, and the send it asked for.</summary>
public sealed record AcsRequest(string PathAndQuery, string? SignatureProblem, byte[] Body, string? From, IReadOnlyList<string> To, string Message)
{
    public bool SignatureValid => SignatureProblem is null;

    public static AcsRequest Read(string pathAndQuery, string? signatureProblem, byte[] body)
    {
        try
        {
            var json = JsonDocument.Parse(body).RootElement;
            var to = json.GetProperty("smsRecipients").EnumerateArray().Select(r => r.GetProperty("to").GetString() ?? "").ToList();
            return new AcsRequest(pathAndQuery, signatureProblem, body, json.GetProperty("from").GetString(), to,
                json.GetProperty("message").GetString() ?? "");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new AcsRequest(pathAndQuery, signatureProblem, body, null, [], "");
        }
    }
}
