using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Rewards;
using Webook.TestSupport;
using static Webook.EndToEndTests.Rewards;

namespace Webook.EndToEndTests;

/// <summary>
/// Rewards over real HTTP against the fake WeChat Pay (a real port, signed answers, encrypted callbacks): the QR code,
/// the callback, the reward Payed, the author's and the platform's shares; bad input, Idempotency-Key, and callbacks
/// repeated, out of order, forged, stale or of another amount.
/// </summary>
public sealed class RewardTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private RunningServer Server => fixture.Server;

    private ILedger Ledger => Server.Services.GetRequiredService<ILedger>();

    [Fact]
    public async Task A_reward_paid_through_wechat_pay_turns_payed_and_credits_the_author_and_the_platform_exactly()
    {
        var client = Server.CreateClient();
        var (author, article, reader) = await ArticleAndReaderAsync(client);

        var (rid, codeUrl) = await RewardedAsync(client, reader, article, 1999);

        Assert.StartsWith("weixin://wxpay/bizpayurl", codeUrl);
        var order = Pay.Orders[TradeNo(rid)];
        Assert.Equal((1999L, SharedFakeWeChatPay.AppId, "NOTPAY"), (order.Total, order.AppId, order.TradeState));
        Assert.Equal("RewardStatusInit", await StatusAsync(client, reader, rid));
        Assert.Null(await StatusAsync(client, author, rid)); // the tipper's only

        Assert.Equal(HttpStatusCode.NoContent, (await PayAsync(client, rid)).StatusCode);
        await WaitForStatusAsync(client, reader, rid, "RewardStatusPayed");
        // Polls are answered from Redis: the consumer wrote the final status over the poll's Init.
        var redis = Server.Services.GetRequiredService<Webook.Core.Storage.Redis.RedisConnection>();
        Assert.EndsWith("|Payed", (string?)await redis.Database.StringGetAsync(redis.Key("reward-status:" + rid)));

        // The author, never the tipper: 1999 - floor(199.9) = 1800, the platform 199.
        var wallet = await WalletAsync(client, author);
        Assert.Equal(1800, wallet.GetProperty("balance").GetInt64());
        var entry = Assert.Single(wallet.GetProperty("entries").EnumerateArray());
        Assert.Equal(("reward", rid, 1800L), (entry.GetProperty("biz").GetString(), entry.GetProperty("bizId").GetInt64(), entry.GetProperty("amount").GetInt64()));
        Assert.Equal(0, (await WalletAsync(client, reader)).GetProperty("balance").GetInt64());
        var platform = Assert.Single(await Ledger.EntriesOfAsync("reward", rid, [LedgerAccount.Platform], default));
        Assert.Equal(199, platform.Amount);
    }

    [Fact]
    public async Task Repeated_and_late_callbacks_change_nothing_and_the_ledger_credits_once()
    {
        var client = Server.CreateClient();
        var (author, article, reader) = await ArticleAndReaderAsync(client);
        var (rid, _) = await RewardedAsync(client, reader, article, 100);

        var first = PayAsync(client, rid);
        var answers = await Task.WhenAll([first, .. Enumerable.Range(0, 9).Select(_ => SharedFakeWeChatPay.NotifyAsync(client, Pay.Callback(TradeNo(rid), "SUCCESS")))]);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NoContent, a.StatusCode));
        await WaitForStatusAsync(client, reader, rid, "RewardStatusPayed");
        // Out of order: a CLOSED that WeChat Pay sent before the success arrives after it.
        Assert.Equal(HttpStatusCode.NoContent, (await SharedFakeWeChatPay.NotifyAsync(client, Pay.Callback(TradeNo(rid), "CLOSED"))).StatusCode);

        // Settled events are applied in order per payment; a later reward's credit shows the first was applied once.
        var (later, _) = await RewardedAsync(client, reader, article, 10);
        await PayAsync(client, later);
        await WaitForStatusAsync(client, reader, later, "RewardStatusPayed");
        Assert.Equal("RewardStatusPayed", await StatusAsync(client, reader, rid));
        var wallet = await WalletAsync(client, author);
        Assert.Equal(90 + 9, wallet.GetProperty("balance").GetInt64());
        Assert.Equal(2, wallet.GetProperty("entries").GetArrayLength());
    }

    [Fact]
    public async Task Forged_stale_and_altered_callbacks_are_refused_for_wechat_to_retry_and_change_nothing()
    {
        var client = Server.CreateClient();
        var (author, article, reader) = await ArticleAndReaderAsync(client);
        var (rid, _) = await RewardedAsync(client, reader, article, 500);
        var genuine = Pay.Callback(TradeNo(rid), "SUCCESS");

        var forged = await SharedFakeWeChatPay.NotifyAsync(client, Pay.Callback(TradeNo(rid), "SUCCESS", forged: true));
        var stale = await SharedFakeWeChatPay.NotifyAsync(client, Pay.Callback(TradeNo(rid), "SUCCESS", age: TimeSpan.FromMinutes(6)));
        var otherAmount = await SharedFakeWeChatPay.NotifyAsync(client, Pay.Callback(TradeNo(rid), "SUCCESS", total: 1));
        var otherApp = await SharedFakeWeChatPay.NotifyAsync(client, Pay.Callback(TradeNo(rid), "SUCCESS", appId: "wxsomeoneelse"));
        var tampered = await SharedFakeWeChatPay.NotifyAsync(client, (genuine.Headers, genuine.Body.Replace("TRANSACTION.SUCCESS", "TRANSACTION.SUCCEZZ")));

        foreach (var (answer, status) in new[] { (forged, 401), (stale, 401), (otherAmount, 400), (otherApp, 400), (tampered, 401) })
        {
            Assert.Equal(status, (int)answer.StatusCode);
            using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
            Assert.Equal("FAIL", body.RootElement.GetProperty("code").GetString());
            Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("message").GetString()));
        }
        Assert.Equal("RewardStatusInit", await StatusAsync(client, reader, rid));

        // The genuine callback is still taken: the refusals changed nothing.
        Assert.Equal(HttpStatusCode.NoContent, (await SharedFakeWeChatPay.NotifyAsync(client, genuine)).StatusCode);
        await WaitForStatusAsync(client, reader, rid, "RewardStatusPayed");
        Assert.Equal(450, (await WalletAsync(client, author)).GetProperty("balance").GetInt64());
        var merchantKey = Server.Settings["WeChatPay:MerchantPrivateKey"]!.Split('\n')[1]; // a line of the key's base64
        Assert.DoesNotContain(Server.Logs.Entries, e => (e.Message + e.Exception).Contains(Pay.ApiV3Key, StringComparison.Ordinal)
                                                        || (e.Message + e.Exception).Contains(merchantKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_payment_fails_the_reward_and_credits_no_one()
    {
        var client = Server.CreateClient();
        var (author, article, reader) = await ArticleAndReaderAsync(client);
        var (rid, _) = await RewardedAsync(client, reader, article, 300);

        Assert.Equal(HttpStatusCode.NoContent, (await PayAsync(client, rid, "PAYERROR")).StatusCode);
        await WaitForStatusAsync(client, reader, rid, "RewardStatusFailed");
        // A success after the failure cannot move it back.
        Assert.Equal(HttpStatusCode.NoContent, (await PayAsync(client, rid, "SUCCESS")).StatusCode);

        var (later, _) = await RewardedAsync(client, reader, article, 10);
        await PayAsync(client, later);
        await WaitForStatusAsync(client, reader, later, "RewardStatusPayed");
        Assert.Equal("RewardStatusFailed", await StatusAsync(client, reader, rid));
        Assert.Equal(9, (await WalletAsync(client, author)).GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task Bad_amounts_own_articles_drafts_and_unknown_articles_answer_code_4_and_create_nothing()
    {
        var client = Server.CreateClient();
        var (author, article, reader) = await ArticleAndReaderAsync(client);
        var draft = await Articles.EditAsync(client, author, "not yet", "draft");
        // This server's rewards and payments (a payment is recorded before any order is placed); the fake's orders are every test's.
        var stored = await RowCountAsync();
        var max = long.Parse(Server.Settings.GetValueOrDefault("Rewards:MaxAmount") ?? "100000");

        foreach (var amount in new[] { 0, -1, max + 1, long.MaxValue })
            Assert.Equal(4, (await RewardAsync(client, reader, article, amount)).Code);
        var fraction = await client.PostRawAsync("/articles/pub/reward", $$"""{"id": {{article}}, "amt": 1.5}""", reader.AccessToken);
        Assert.Equal((HttpStatusCode.BadRequest, 4), (fraction.Status, fraction.Code));
        var text = await client.PostRawAsync("/articles/pub/reward", $$"""{"id": {{article}}, "amt": "100"}""", reader.AccessToken);
        Assert.Equal(4, text.Code);
        Assert.Equal(4, (await client.PostRawAsync("/articles/pub/reward", """{"amt": 100}""", reader.AccessToken)).Code);
        Assert.Equal("You cannot reward your own article.", (await RewardAsync(client, author, article, 100)).Msg);
        Assert.Equal("Article not found.", (await RewardAsync(client, reader, draft, 100)).Msg);
        Assert.Equal("Article not found.", (await RewardAsync(client, reader, article + 1_000_000, 100)).Msg);
        Assert.Equal(401, (int)(await client.PostApiAsync("/articles/pub/reward", new { id = article, amt = 100 })).Status);
        Assert.Equal(4, (await client.PostApiAsync("/reward/detail", new { rid = 0 }, reader.AccessToken)).Code);
        Assert.Equal(4, (await client.PostApiAsync("/reward/detail", new { rid = 123456789 }, reader.AccessToken)).Code);

        Assert.Equal(stored, await RowCountAsync());
        Assert.Equal(0, (await WalletAsync(client, author)).GetProperty("balance").GetInt64());
    }

    [Fact]
    public async Task Parallel_retries_with_one_idempotency_key_get_one_reward_and_one_order_and_another_amount_is_refused()
    {
        var client = Server.CreateClient();
        var (_, article, reader) = await ArticleAndReaderAsync(client);
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => RewardAsync(client, reader, article, 250, key)));

        Assert.All(answers, a => Assert.Equal(0, a.Code));
        var rid = Assert.Single(answers.Select(a => a.Data.GetProperty("rid").GetInt64()).Distinct());
        var codeUrl = Assert.Single(answers.Select(a => a.Data.GetProperty("codeURL").GetString()).Distinct());
        Assert.Equal(1, Pay.Placements(TradeNo(rid)));
        Assert.Equal(4, (await RewardAsync(client, reader, article, 251, key)).Code);
        // A late retry of the reward once it ended answers its QR code again and places no new order.
        await PayAsync(client, rid, "PAYERROR");
        await WaitForStatusAsync(client, reader, rid, "RewardStatusFailed");
        var late = await RewardAsync(client, reader, article, 250, key);
        Assert.Equal((0, rid, codeUrl), (late.Code, late.Data.GetProperty("rid").GetInt64(), late.Data.GetProperty("codeURL").GetString()));
        Assert.Equal(1, Pay.Placements(TradeNo(rid)));
        // The same key of another tipper is theirs: keys are per user.
        var other = await Accounts.SignupAndLoginAsync(client);
        Assert.NotEqual(rid, (await RewardAsync(client, other, article, 250, key)).Data.GetProperty("rid").GetInt64());
        // Without a key, each request is a reward of its own.
        var (a, _) = await RewardedAsync(client, reader, article, 250);
        var (b, _) = await RewardedAsync(client, reader, article, 250);
        Assert.NotEqual(a, b);
    }

    /// <summary>The rows of the rewards and payments tables of this class's server (its tests run one at a time).</summary>
    private async Task<int> RowCountAsync()
    {
        var tables = Server.Services.GetRequiredService<Webook.Core.Storage.Tables.WebookTables>();
        var count = 0;
        foreach (var name in new[] { Webook.Core.Storage.Tables.WebookTables.Rewards, Webook.Core.Storage.Tables.WebookTables.Payments })
            await foreach (var _ in (await tables.GetAsync(name, default)).QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey"])) count++;
        return count;
    }
}
