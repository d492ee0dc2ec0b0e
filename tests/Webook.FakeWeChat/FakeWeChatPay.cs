using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Webook.Fakes;

/// <summary>A Native order the fake holds.</summary>
public sealed record FakeOrder(string OutTradeNo, string AppId, string MchId, long Total, string NotifyUrl, string TradeState);

/// <summary>
/// WeChat Pay API v3 on a real loopback port, with keys of its own making: it checks every request's
/// WECHATPAY2-SHA256-RSA2048 signature with the merchant's public key (401 SIGN_ERROR otherwise), keeps Native orders
/// (POST /v3/pay/transactions/native, GET .../out-trade-no/{no}?mchid=, POST .../close), signs every answer with its
/// platform key, and builds callbacks as WeChat Pay sends them (<see cref="Callback"/>: the transaction encrypted with
/// AEAD_AES_256_GCM under the APIv3 key, signed; or forged, stale, with another amount). <see cref="ForgeAnswers"/>
/// and <see cref="Hang"/> make its answers untrustworthy or never come. Outside WeChat Pay's API, POST
/// /fake/pay/{out_trade_no}?state=SUCCESS plays the payer (scripts/pay.sh): it marks the order and sends its callback to
/// the order's notify_url (<see cref="PayAsync"/>).
/// </summary>
public sealed partial class FakeWeChatPay : IAsyncDisposable
{
    private readonly WebApplication _server;
    private readonly RSA _platform;
    // What forged answers and callbacks are signed with: made once (a 2048-bit key takes a while to make on a busy machine).
    private readonly RSA _impostor = RSA.Create(2048);
    private readonly RSA _merchantPublic;
    private readonly ConcurrentDictionary<string, FakeOrder> _orders = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly HttpClient _notifier = new() { Timeout = TimeSpan.FromSeconds(10) };

    private FakeWeChatPay(WebApplication server, string mchId, string merchantPublicKeyPem, string apiV3Key, string? platformPrivateKeyPem, string? platformSerialNo)
    {
        _server = server;
        MchId = mchId;
        ApiV3Key = apiV3Key;
        _merchantPublic = RSA.Create();
        _merchantPublic.ImportFromPem(merchantPublicKeyPem);
        _platform = platformPrivateKeyPem is null ? RSA.Create(2048) : RSA.Create();
        if (platformPrivateKeyPem is not null) _platform.ImportFromPem(platformPrivateKeyPem);
        PlatformSerialNo = platformSerialNo ?? "PUB_KEY_ID_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
    }

    public string MchId { get; }
    public string ApiV3Key { get; }
    public string PlatformSerialNo { get; }
    public string PlatformPublicKeyPem => _platform.ExportSubjectPublicKeyInfoPem();
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Answers signed with another key than the platform's: a client must not trust them.</summary>
    public bool ForgeAnswers { get; set; }

    /// <summary>Requests are held until the fake stops: a WeChat Pay that never answers.</summary>
    public bool Hang { get; set; }

    public IReadOnlyDictionary<string, FakeOrder> Orders => _orders;

    /// <summary>Told one line per order placed, closed or paid (the program prints them); never a key.</summary>
    public Action<string>? Log { get; set; }

    /// <summary>Cancelled when the host is asked to stop (SIGTERM or Ctrl-C to the program: its console lifetime takes them).</summary>
    public CancellationToken Stopping => _server.Lifetime.ApplicationStopping;

    /// <summary>Requests whose signature did not hold.</summary>
    public int Unsigned => Volatile.Read(ref _unsigned);

    /// <summary>How many Native order requests for <paramref name="outTradeNo"/> the fake took (a repeat answers the same order).</summary>
    public int Placements(string outTradeNo) => _placements.GetValueOrDefault(outTradeNo);
    private readonly ConcurrentDictionary<string, int> _placements = new();
    private int _unsigned;

    /// <summary>
    /// Starts the fake on <paramref name="url"/>. Its platform key is <paramref name="platformPrivateKeyPem"/> (PEM) under
    /// <paramref name="platformSerialNo"/> when given (scripts/run.sh: made once per checkout), else one made now.
    /// </summary>
    public static async Task<FakeWeChatPay> StartAsync(string mchId, string merchantPublicKeyPem, string apiV3Key, string url = "http://127.0.0.1:0",
        string? platformPrivateKeyPem = null, string? platformSerialNo = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        var server = builder.Build();
        var fake = new FakeWeChatPay(server, mchId, merchantPublicKeyPem, apiV3Key, platformPrivateKeyPem, platformSerialNo);
        server.Run(fake.HandleAsync);
        await server.StartAsync();
        fake.BaseUrl = new Uri(server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/");
        return fake;
    }

    /// <summary>Marks an order as WeChat Pay would after the payer acts (SUCCESS, CLOSED, ...).</summary>
    public void SetState(string outTradeNo, string tradeState) => _orders[outTradeNo] = _orders[outTradeNo] with { TradeState = tradeState };

    /// <summary>
    /// The callback WeChat Pay sends for an order: its headers and body. <paramref name="total"/> replaces the amount,
    /// <paramref name="age"/> backdates the signature, <paramref name="forged"/> signs with a key that is not the platform's.
    /// </summary>
    public (Dictionary<string, string> Headers, string Body) Callback(string outTradeNo, string tradeState, long? total = null, TimeSpan age = default,
        bool forged = false, string? appId = null)
    {
        var order = _orders[outTradeNo];
        var transaction = new JsonObject
        {
            ["mchid"] = order.MchId, ["appid"] = appId ?? order.AppId, ["out_trade_no"] = order.OutTradeNo,
            ["transaction_id"] = "42000" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)), ["trade_type"] = "NATIVE", ["trade_state"] = tradeState,
            ["success_time"] = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz"),
            ["amount"] = new JsonObject { ["total"] = total ?? order.Total, ["payer_total"] = total ?? order.Total, ["currency"] = "CNY", ["payer_currency"] = "CNY" },
        }.ToJsonString();
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
        const string associated = "transaction";
        var plain = Encoding.UTF8.GetBytes(transaction);
        var (cipher, tag) = (new byte[plain.Length], new byte[16]);
        using (var aes = new AesGcm(Encoding.UTF8.GetBytes(ApiV3Key), 16))
            aes.Encrypt(Encoding.UTF8.GetBytes(nonce), plain, cipher, tag, Encoding.UTF8.GetBytes(associated));
        var body = new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString(), ["create_time"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:sszzz"),
            ["resource_type"] = "encrypt-resource", ["event_type"] = tradeState == "SUCCESS" ? "TRANSACTION.SUCCESS" : "TRANSACTION." + tradeState,
            ["summary"] = "payment",
            ["resource"] = new JsonObject
            {
                ["original_type"] = "transaction", ["algorithm"] = "AEAD_AES_256_GCM", ["ciphertext"] = Convert.ToBase64String([.. cipher, .. tag]),
                ["associated_data"] = associated, ["nonce"] = nonce,
            },
        }.ToJsonString();
        return (Signed(body, DateTimeOffset.UtcNow - age, forged), body);
    }

    /// <summary>
    /// The payer acting on an order: marks it <paramref name="tradeState"/> and sends its callback (<see cref="Callback"/>)
    /// to the order's notify_url. Answers what the notify URL answered (status 0 and the error when it could not be reached).
    /// </summary>
    public async Task<(int Status, string Body)> PayAsync(string outTradeNo, string tradeState, CancellationToken ct)
    {
        SetState(outTradeNo, tradeState);
        var order = _orders[outTradeNo];
        var (headers, body) = Callback(outTradeNo, tradeState);
        using var request = new HttpRequestMessage(HttpMethod.Post, order.NotifyUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        try
        {
            using var response = await _notifier.SendAsync(request, ct);
            var answer = (int)response.StatusCode;
            Log?.Invoke($"{outTradeNo} {tradeState}: callback to {order.NotifyUrl} answered {answer}");
            return (answer, await response.Content.ReadAsStringAsync(ct));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            Log?.Invoke($"{outTradeNo} {tradeState}: callback to {order.NotifyUrl} failed: {e.Message}");
            return (0, e.Message);
        }
    }

    // POST /fake/pay/{out_trade_no}?state=SUCCESS: not WeChat Pay's API (nothing under /v3), so no merchant signature.
    private async Task HandleAdminAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (context.Request.Method != "POST" || AdminPayPath().Match(path) is not { Success: true } match)
        {
            await Results.Json(new { code = "NOT_FOUND", message = "POST /fake/pay/{out_trade_no}?state=SUCCESS" }, statusCode: 404).ExecuteAsync(context);
            return;
        }
        var no = match.Groups[1].Value;
        var state = context.Request.Query["state"].ToString() is { Length: > 0 } asked ? asked : "SUCCESS";
        IResult result;
        if (!TradeStates.Contains(state)) result = Results.Json(new { code = "PARAM_ERROR", message = $"state is one of {string.Join(", ", TradeStates)}" }, statusCode: 400);
        else if (!_orders.TryGetValue(no, out var order)) result = Results.Json(new { code = "ORDER_NOT_EXIST", message = $"no order {no} was placed with this fake since it started" }, statusCode: 404);
        else if (state == "SUCCESS" && order.TradeState is "CLOSED" or "REVOKED")
            result = Results.Json(new { code = "ORDER_CLOSED", message = $"{no} is {order.TradeState}: it can no longer be paid" }, statusCode: 409);
        else
        {
            var (status, answer) = await PayAsync(no, state, context.RequestAborted);
            result = Results.Json(new { outTradeNo = no, tradeState = state, notifyUrl = order.NotifyUrl, status, answer }, statusCode: status == 0 ? 502 : 200);
        }
        await result.ExecuteAsync(context);
    }

    private static readonly string[] TradeStates = ["SUCCESS", "REFUND", "NOTPAY", "CLOSED", "REVOKED", "USERPAYING", "PAYERROR"];

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/fake"))
        {
            await HandleAdminAsync(context);
            return;
        }
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token).Token)
                .ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }
        var request = context.Request;
        var body = await new StreamReader(request.Body).ReadToEndAsync();
        var url = request.Path + request.QueryString;
        if (!SignedByMerchant(request.Method, url, body, request.Headers.Authorization.ToString()))
        {
            Interlocked.Increment(ref _unsigned);
            await AnswerAsync(context, 401, Error("SIGN_ERROR", "signature mismatch"));
            return;
        }
        var path = request.Path.Value ?? "";
        if (request.Method == "POST" && path == "/v3/pay/transactions/native") await AnswerAsync(context, Place(body));
        else if (request.Method == "GET" && QueryPath().Match(path) is { Success: true } query) await AnswerAsync(context, Query(query.Groups[1].Value, request.Query["mchid"]));
        else if (request.Method == "POST" && ClosePath().Match(path) is { Success: true } close) await AnswerAsync(context, Close(close.Groups[1].Value));
        else await AnswerAsync(context, 404, Error("NOT_FOUND", "no such API"));
    }

    private (int, string) Place(string body)
    {
        var order = JsonNode.Parse(body)!;
        var (no, mchId, total) = ((string?)order["out_trade_no"], (string?)order["mchid"], (long?)order["amount"]?["total"]);
        if (mchId != MchId) return (400, Error("MCH_NOT_EXISTS", "mchid does not exist"));
        if (no is not { Length: >= 6 and <= 32 } || total is not > 0 || (string?)order["amount"]?["currency"] != "CNY" || (string?)order["time_expire"] is null
            || (string?)order["notify_url"] is not { Length: > 0 } notify || (string?)order["appid"] is not { Length: > 0 } appId)
            return (400, Error("PARAM_ERROR", "invalid order"));
        _placements.AddOrUpdate(no, 1, (_, n) => n + 1);
        var placed = _orders.GetOrAdd(no, new FakeOrder(no, appId, mchId, total.Value, notify, "NOTPAY"));
        if (placed.Total != total) return (400, Error("INVALID_REQUEST", "out_trade_no used with other parameters"));
        Log?.Invoke($"{no} placed: {total} fen for appid {appId}, notify_url {notify}");
        return (200, new JsonObject { ["code_url"] = "weixin://wxpay/bizpayurl?pr=" + no }.ToJsonString());
    }

    private (int, string) Query(string no, string? mchId)
    {
        if (mchId != MchId) return (400, Error("PARAM_ERROR", "mchid"));
        if (!_orders.TryGetValue(no, out var order)) return (404, Error("ORDER_NOT_EXIST", "order does not exist"));
        return (200, new JsonObject
        {
            ["appid"] = order.AppId, ["mchid"] = order.MchId, ["out_trade_no"] = no, ["trade_state"] = order.TradeState, ["trade_type"] = "NATIVE",
            ["amount"] = new JsonObject { ["total"] = order.Total, ["currency"] = "CNY" },
        }.ToJsonString());
    }

    private (int, string) Close(string no)
    {
        if (!_orders.TryGetValue(no, out var order)) return (404, Error("ORDER_NOT_EXIST", "order does not exist"));
        if (order.TradeState == "SUCCESS") return (400, Error("ORDERPAID", "order paid"));
        SetState(no, "CLOSED");
        Log?.Invoke($"{no} closed");
        return (204, "");
    }

    private bool SignedByMerchant(string method, string url, string body, string authorization)
    {
        if (!authorization.StartsWith("WECHATPAY2-SHA256-RSA2048 ", StringComparison.Ordinal)) return false;
        var fields = AuthField().Matches(authorization).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        if (fields.GetValueOrDefault("mchid") != MchId || !fields.TryGetValue("signature", out var signature) || !fields.TryGetValue("timestamp", out var timestamp)
            || !fields.TryGetValue("nonce_str", out var nonce) || !fields.ContainsKey("serial_no")) return false;
        try
        {
            return _merchantPublic.VerifyData(Encoding.UTF8.GetBytes($"{method}\n{url}\n{timestamp}\n{nonce}\n{body}\n"), Convert.FromBase64String(signature),
                HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private Task AnswerAsync(HttpContext context, (int Status, string Body) answer) => AnswerAsync(context, answer.Status, answer.Body);

    private async Task AnswerAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in Signed(body, DateTimeOffset.UtcNow, ForgeAnswers)) context.Response.Headers[name] = value;
        if (body.Length > 0)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        }
    }

    private Dictionary<string, string> Signed(string body, DateTimeOffset at, bool forged)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var signature = (forged ? _impostor : _platform).SignData(Encoding.UTF8.GetBytes($"{timestamp}\n{nonce}\n{body}\n"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return new Dictionary<string, string>
        {
            ["Wechatpay-Timestamp"] = timestamp, ["Wechatpay-Nonce"] = nonce, ["Wechatpay-Signature"] = Convert.ToBase64String(signature),
            ["Wechatpay-Serial"] = PlatformSerialNo, ["Wechatpay-Signature-Type"] = "WECHATPAY2-SHA256-RSA2048",
        };
    }

    private static string Error(string code, string message) => JsonSerializer.Serialize(new { code, message });

    [GeneratedRegex("^/v3/pay/transactions/out-trade-no/([^/]+)$")]
    private static partial Regex QueryPath();

    [GeneratedRegex("^/v3/pay/transactions/out-trade-no/([^/]+)/close$")]
    private static partial Regex ClosePath();

    [GeneratedRegex("^/fake/pay/([^/]+)$")]
    private static partial Regex AdminPayPath();

    [GeneratedRegex("(\\w+)=\"([^\"]*)\"")]
    private static partial Regex AuthField();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _server.StopAsync();
        await _server.DisposeAsync();
        _platform.Dispose();
        _impostor.Dispose();
        _merchantPublic.Dispose();
        _notifier.Dispose();
    }
}
