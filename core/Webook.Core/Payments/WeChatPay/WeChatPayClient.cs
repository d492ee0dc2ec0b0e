using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Webook.Core.Payments.WeChatPay;

/// <summary>
/// WeChat Pay API v3 over HTTP, within WeChatPay:Timeout: every request signed (<see cref="WeChatPaySignatures"/>),
/// every answer verified before its content is read; an answer that is not WeChat Pay's is a failure like an error.
/// </summary>
public sealed class WeChatPayClient(HttpClient http, WeChatPaySignatures signatures, IOptions<WeChatPayOptions> options) : IWeChatPay
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    public async Task<string> CreateNativeOrderAsync(string outTradeNo, string description, long totalFen, DateTimeOffset expireAt, CancellationToken ct)
    {
        var o = options.Value;
        var body = JsonSerializer.Serialize(new NativeOrder(o.AppId, o.MchId, description, outTradeNo,
            expireAt.ToOffset(ChinaStandardTime).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), o.NotifyUrl, new OrderAmount(totalFen, "CNY")));
        var (_, answer) = await SendAsync(HttpMethod.Post, "/v3/pay/transactions/native", body, ct);
        return JsonSerializer.Deserialize<NativeAnswer>(answer)?.CodeUrl is { Length: > 0 } url ? url : throw new WeChatPayException("WeChat Pay's order answer has no code_url");
    }

    public async Task<WeChatTransaction?> QueryAsync(string outTradeNo, CancellationToken ct)
    {
        try
        {
            var (_, answer) = await SendAsync(HttpMethod.Get, $"/v3/pay/transactions/out-trade-no/{Uri.EscapeDataString(outTradeNo)}?mchid={Uri.EscapeDataString(options.Value.MchId)}", "", ct);
            return Transaction(answer) ?? throw new WeChatPayException("WeChat Pay's query answer is not a transaction");
        }
        catch (WeChatPayException e) when (e.Code == "ORDER_NOT_EXIST")
        {
            return null;
        }
    }

    public Task CloseAsync(string outTradeNo, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"/v3/pay/transactions/out-trade-no/{Uri.EscapeDataString(outTradeNo)}/close",
            JsonSerializer.Serialize(new { mchid = options.Value.MchId }), ct);

    /// <summary>A transaction's JSON (a query's answer, a callback's resource), or null when it is not one.</summary>
    public static WeChatTransaction? Transaction(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<TransactionJson>(json) is { OutTradeNo.Length: > 0, TradeState.Length: > 0 } t
                ? new WeChatTransaction(t.OutTradeNo, t.TradeState, t.MchId ?? "", t.AppId ?? "", t.Amount?.Total ?? -1)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<(HttpStatusCode, string)> SendAsync(HttpMethod method, string url, string body, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.Value.Timeout);
        using var request = new HttpRequestMessage(method, new Uri(new Uri(options.Value.ApiBaseUrl), url.TrimStart('/')));
        request.Headers.TryAddWithoutValidation("Authorization", signatures.Authorization(method.Method, url, body));
        request.Headers.Accept.ParseAdd("application/json");
        if (method != HttpMethod.Get) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        try
        {
            using var response = await http.SendAsync(request, deadline.Token);
            var answer = await response.Content.ReadAsStringAsync(deadline.Token);
            if (!signatures.Verify(Header(response, "Wechatpay-Timestamp"), Header(response, "Wechatpay-Nonce"), Header(response, "Wechatpay-Signature"),
                    Header(response, "Wechatpay-Serial"), answer))
                throw new WeChatPayException($"WeChat Pay's answer ({(int)response.StatusCode}) is not signed with the platform key; not trusted", (int)response.StatusCode);
            if (!response.IsSuccessStatusCode)
            {
                var error = Error(answer);
                throw new WeChatPayException($"WeChat Pay refused {method} {url.Split('?')[0]}: {(int)response.StatusCode} {error?.Code} {error?.Message}",
                    (int)response.StatusCode, error?.Code);
            }
            return (response.StatusCode, answer);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new WeChatPayException($"WeChat Pay did not answer within {options.Value.Timeout}");
        }
        catch (HttpRequestException e)
        {
            throw new WeChatPayException($"Could not reach WeChat Pay ({e.HttpRequestError})");
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static ErrorJson? Error(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ErrorJson>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record NativeOrder(
        [property: JsonPropertyName("appid")] string AppId, [property: JsonPropertyName("mchid")] string MchId,
        [property: JsonPropertyName("description")] string Description, [property: JsonPropertyName("out_trade_no")] string OutTradeNo,
        [property: JsonPropertyName("time_expire")] string TimeExpire, [property: JsonPropertyName("notify_url")] string NotifyUrl,
        [property: JsonPropertyName("amount")] OrderAmount Amount);

    private sealed record OrderAmount([property: JsonPropertyName("total")] long Total, [property: JsonPropertyName("currency")] string Currency);

    private sealed record NativeAnswer([property: JsonPropertyName("code_url")] string? CodeUrl);

    private sealed record ErrorJson([property: JsonPropertyName("code")] string? Code, [property: JsonPropertyName("message")] string? Message);

    private sealed record TransactionJson(
        [property: JsonPropertyName("out_trade_no")] string? OutTradeNo, [property: JsonPropertyName("trade_state")] string? TradeState,
        [property: JsonPropertyName("mchid")] string? MchId, [property: JsonPropertyName("appid")] string? AppId,
        [property: JsonPropertyName("amount")] TransactionAmount? Amount);

    private sealed record TransactionAmount([property: JsonPropertyName("total")] long Total);
}
