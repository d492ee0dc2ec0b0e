using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core;
using Webook.Core.Payments;
using Webook.Core.Payments.WeChatPay;
using Webook.Fakes;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Payments;

/// <summary>
/// The production WeChat Pay client against the fake WeChat Pay on a real port, each with keys the test made: signed
/// requests the fake accepts (and refuses when signed with another key), answers verified before they are read (a
/// forged one refused), errors and a hang within the deadline; callbacks decrypted and verified, and refused when
/// forged, stale, of another platform serial or encrypted under another key; the fake's admin endpoint (scripts/pay.sh)
/// paying an order and sending its callback to the order's notify_url.
/// </summary>
public sealed class WeChatPayClientTests : IAsyncLifetime
{
    private readonly RSA _merchant = RSA.Create(2048);
    private readonly string _apiV3Key = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    private FakeWeChatPay _fake = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeWeChatPay.StartAsync("1900000109", _merchant.ExportSubjectPublicKeyInfoPem(), _apiV3Key);
        _services = Services(_merchant.ExportPkcs8PrivateKeyPem());
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _fake.DisposeAsync();
        _merchant.Dispose();
    }

    private IWeChatPay Pay => _services.GetRequiredService<IWeChatPay>();

    [Fact]
    public async Task An_order_is_placed_queried_and_closed_with_signed_requests_and_verified_answers()
    {
        var no = "reward-" + Random.Shared.NextInt64(1, 1L << 50);
        var code = await Pay.CreateNativeOrderAsync(no, "A reward", 500, DateTimeOffset.UtcNow.AddMinutes(30), default);

        Assert.Equal("weixin://wxpay/bizpayurl?pr=" + no, code);
        var placed = _fake.Orders[no];
        Assert.Equal((500L, "wx-test-pay", "https://webook.example/pay/wechat/notify"), (placed.Total, placed.AppId, placed.NotifyUrl));
        Assert.Equal(new WeChatTransaction(no, "NOTPAY", "1900000109", "wx-test-pay", 500), await Pay.QueryAsync(no, default));
        Assert.Null(await Pay.QueryAsync("reward-none", default));

        await Pay.CloseAsync(no, default);
        Assert.Equal("CLOSED", (await Pay.QueryAsync(no, default))!.TradeState);
        Assert.Equal(0, _fake.Unsigned);
    }

    [Fact]
    public async Task A_request_signed_with_another_key_is_refused_and_an_answer_not_signed_by_the_platform_is_not_trusted()
    {
        using var other = RSA.Create(2048);
        await using var impostor = Services(other.ExportPkcs8PrivateKeyPem());
        var refused = await Assert.ThrowsAsync<WeChatPayException>(() =>
            impostor.GetRequiredService<IWeChatPay>().CreateNativeOrderAsync("reward-1001", "x", 1, DateTimeOffset.UtcNow.AddMinutes(30), default));
        Assert.Equal((401, "SIGN_ERROR"), (refused.Status, refused.Code));
        Assert.Empty(_fake.Orders);

        _fake.ForgeAnswers = true;
        var forged = await Assert.ThrowsAsync<WeChatPayException>(() => Pay.CreateNativeOrderAsync("reward-1002", "x", 1, DateTimeOffset.UtcNow.AddMinutes(30), default));
        Assert.Contains("not signed with the platform key", forged.Message);
        await Assert.ThrowsAsync<WeChatPayException>(() => Pay.QueryAsync("reward-1002", default)); // not "no such order": untrusted
    }

    [Fact]
    public async Task Wechat_pays_errors_and_a_hang_are_failures_within_the_deadline()
    {
        var invalid = await Assert.ThrowsAsync<WeChatPayException>(() => Pay.CreateNativeOrderAsync("x", "too short a number", 1, DateTimeOffset.UtcNow, default));
        Assert.Equal((400, "PARAM_ERROR"), (invalid.Status, invalid.Code));

        _fake.Hang = true;
        var hang = await Assert.ThrowsAsync<WeChatPayException>(() => Pay.QueryAsync("reward-2001", default).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("did not answer within", hang.Message);
    }

    [Fact]
    public async Task A_callback_is_verified_and_decrypted_and_refused_when_forged_stale_or_under_another_key()
    {
        var no = "reward-" + Random.Shared.NextInt64(1, 1L << 50);
        await Pay.CreateNativeOrderAsync(no, "A reward", 300, DateTimeOffset.UtcNow.AddMinutes(30), default);
        var signatures = _services.GetRequiredService<WeChatPaySignatures>();

        var (headers, body) = _fake.Callback(no, "SUCCESS");
        Assert.True(Verify(signatures, headers, body));
        var resource = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("resource");
        var plain = signatures.Decrypt(resource.GetProperty("ciphertext").GetString()!, resource.GetProperty("nonce").GetString()!,
            resource.GetProperty("associated_data").GetString()!);
        Assert.Equal(new WeChatTransaction(no, "SUCCESS", "1900000109", "wx-test-pay", 300), WeChatPayClient.Transaction(plain!));
        Assert.Null(signatures.Decrypt(resource.GetProperty("ciphertext").GetString()!, resource.GetProperty("nonce").GetString()!, "other"));

        Assert.False(Verify(signatures, headers, body.Replace("SUCCESS", "REFUND"))); // altered
        var (forgedHeaders, forgedBody) = _fake.Callback(no, "SUCCESS", forged: true);
        Assert.False(Verify(signatures, forgedHeaders, forgedBody));
        var (staleHeaders, staleBody) = _fake.Callback(no, "SUCCESS", age: TimeSpan.FromMinutes(6));
        Assert.False(Verify(signatures, staleHeaders, staleBody));
        Assert.False(signatures.Verify(headers["Wechatpay-Timestamp"], headers["Wechatpay-Nonce"], headers["Wechatpay-Signature"], "another serial", body));

        await using var otherKey = Services(_merchant.ExportPkcs8PrivateKeyPem(), apiV3Key: new string('z', 32));
        Assert.Null(otherKey.GetRequiredService<WeChatPaySignatures>().Decrypt(resource.GetProperty("ciphertext").GetString()!,
            resource.GetProperty("nonce").GetString()!, resource.GetProperty("associated_data").GetString()!));
    }

    [Fact]
    public async Task Paying_through_the_fakes_admin_endpoint_sends_the_callback_to_the_orders_notify_url()
    {
        // The app's side of scripts/pay.sh: a notify route that keeps what it got.
        var received = new TaskCompletionSource<(Dictionary<string, string> Headers, string Body)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapPost("/pay/wechat/notify", async (HttpContext context) =>
        {
            received.TrySetResult((context.Request.Headers.Where(h => h.Key.StartsWith("Wechatpay-", StringComparison.Ordinal)).ToDictionary(h => h.Key, h => h.Value.ToString()),
                await new StreamReader(context.Request.Body).ReadToEndAsync()));
            return Results.NoContent();
        });
        await app.StartAsync();
        await using var services = Services(_merchant.ExportPkcs8PrivateKeyPem(), notifyUrl: app.Urls.First() + "/pay/wechat/notify");
        var no = "reward-" + Random.Shared.NextInt64(1, 1L << 50);
        await services.GetRequiredService<IWeChatPay>().CreateNativeOrderAsync(no, "A reward", 700, DateTimeOffset.UtcNow.AddMinutes(30), default);
        using var http = new HttpClient { BaseAddress = _fake.BaseUrl };

        using var paid = await http.PostAsync($"fake/pay/{no}?state=SUCCESS", null);

        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal(204, System.Text.Json.JsonDocument.Parse(await paid.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32());
        var (headers, body) = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var signatures = services.GetRequiredService<WeChatPaySignatures>();
        Assert.True(Verify(signatures, headers, body));
        var resource = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("resource");
        Assert.Equal(new WeChatTransaction(no, "SUCCESS", "1900000109", "wx-test-pay", 700), WeChatPayClient.Transaction(signatures.Decrypt(
            resource.GetProperty("ciphertext").GetString()!, resource.GetProperty("nonce").GetString()!, resource.GetProperty("associated_data").GetString()!)!));
        Assert.Equal("SUCCESS", (await services.GetRequiredService<IWeChatPay>().QueryAsync(no, default))!.TradeState);

        // Nothing sent for an order the fake does not have; the admin path is not under WeChat Pay's API, which wants a signature.
        using var unknown = await http.PostAsync("fake/pay/reward-none", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var underApi = await http.PostAsync($"v3/fake/pay/{no}", null);
        Assert.Equal(HttpStatusCode.Unauthorized, underApi.StatusCode);
    }

    private static bool Verify(WeChatPaySignatures signatures, Dictionary<string, string> headers, string body) =>
        signatures.Verify(headers["Wechatpay-Timestamp"], headers["Wechatpay-Nonce"], headers["Wechatpay-Signature"], headers["Wechatpay-Serial"], body);

    private ServiceProvider Services(string merchantKey, string? apiV3Key = null, string notifyUrl = "https://webook.example/pay/wechat/notify")
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestEnvironment.StorageConnectionString,
            ["Redis:ConnectionString"] = TestEnvironment.RedisConnectionString,
            ["WeChatPay:MchId"] = _fake.MchId,
            ["WeChatPay:AppId"] = "wx-test-pay",
            ["WeChatPay:MerchantSerialNo"] = "5157F09EFDC096DE15EBE81A47057A72",
            ["WeChatPay:MerchantPrivateKey"] = merchantKey,
            ["WeChatPay:PlatformPublicKey"] = _fake.PlatformPublicKeyPem,
            ["WeChatPay:PlatformSerialNo"] = _fake.PlatformSerialNo,
            ["WeChatPay:ApiV3Key"] = apiV3Key ?? _apiV3Key,
            ["WeChatPay:NotifyUrl"] = notifyUrl,
            ["WeChatPay:ApiBaseUrl"] = _fake.BaseUrl.ToString(),
            // Room for a loaded machine; the hang test waits this long once.
            ["WeChatPay:Timeout"] = "00:00:05",
        };
        return new ServiceCollection().AddLogging().AddWebookCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
    }
}
