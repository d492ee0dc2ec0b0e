using System.Text.Json;
using Webook.Fakes;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>Steps of the reward flow against the shared fake WeChat Pay.</summary>
public static class Rewards
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static FakeWeChatPay Pay => SharedFakeWeChatPay.Fake;

    /// <summary>An author with a published article, and a reader.</summary>
    public static async Task<(LoggedInUser Author, long ArticleId, LoggedInUser Reader)> ArticleAndReaderAsync(HttpClient client)
    {
        var author = await Accounts.SignupAndLoginAsync(client);
        var article = await Articles.PublishAsync(client, author, "worth a tip", "a good read");
        return (author, article, await Accounts.SignupAndLoginAsync(client));
    }

    public static async Task<ApiResponse> RewardAsync(HttpClient client, LoggedInUser reader, long articleId, long amount, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/articles/pub/reward") { Content = System.Net.Http.Json.JsonContent.Create(new { id = articleId, amt = amount }) };
        request.Headers.Authorization = new("Bearer", reader.AccessToken);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await ApiResponse.ReadAsync(await client.SendAsync(request));
    }

    /// <summary>A reward made, answering its id and QR code.</summary>
    public static async Task<(long Rid, string CodeUrl)> RewardedAsync(HttpClient client, LoggedInUser reader, long articleId, long amount)
    {
        var answer = await RewardAsync(client, reader, articleId, amount);
        Assert.Equal(0, answer.Code);
        return (answer.Data.GetProperty("rid").GetInt64(), answer.Data.GetProperty("codeURL").GetString()!);
    }

    public static string TradeNo(long rid) => "reward-" + rid;

    public static async Task<string?> StatusAsync(HttpClient client, LoggedInUser reader, long rid)
    {
        var answer = await client.PostApiAsync("/reward/detail", new { rid }, reader.AccessToken);
        return answer.Code == 0 ? answer.Data.GetString() : null;
    }

    public static async Task WaitForStatusAsync(HttpClient client, LoggedInUser reader, long rid, string status)
    {
        var deadline = DateTime.UtcNow + Patience;
        var now = await StatusAsync(client, reader, rid);
        while (now != status && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            now = await StatusAsync(client, reader, rid);
        }
        Assert.Equal(status, now);
    }

    /// <summary>WeChat Pay's callback for the order in <paramref name="tradeState"/>, as the fake builds it, sent to the server.</summary>
    public static async Task<HttpResponseMessage> PayAsync(HttpClient client, long rid, string tradeState = "SUCCESS", long? total = null, TimeSpan age = default,
        bool forged = false)
    {
        Pay.SetState(TradeNo(rid), tradeState);
        return await SharedFakeWeChatPay.NotifyAsync(client, Pay.Callback(TradeNo(rid), tradeState, total, age, forged));
    }

    public static async Task<JsonElement> WalletAsync(HttpClient client, LoggedInUser user)
    {
        var answer = await client.GetApiAsync("/users/wallet?offset=0&limit=100", user.AccessToken);
        Assert.Equal(0, answer.Code);
        return answer.Data;
    }
}
