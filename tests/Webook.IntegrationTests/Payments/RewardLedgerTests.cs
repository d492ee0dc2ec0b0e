using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core;
using Webook.Core.Http;
using Webook.Core.Payments;
using Webook.Core.Rewards;
using Webook.TestSupport;

namespace Webook.IntegrationTests.Payments;

/// <summary>
/// The ledger and the reward consumer against the test Azurite, from two instances at once: credits are exact under
/// parallel writers, a credit for the same (biz, bizId, account) lands once, and payment events redelivered within a
/// batch, in later batches and to both instances credit the author and the platform once.
/// </summary>
public sealed class RewardLedgerTests
{
    private readonly string _prefix = TestEnvironment.UniqueName("it");

    [Fact]
    public async Task Parallel_credits_from_two_instances_sum_exactly_and_one_credit_repeated_lands_once()
    {
        await using var a = Instance();
        await using var b = Instance();
        var account = LedgerAccount.User(Random.Shared.NextInt64(1, 1L << 40));

        var distinct = await Task.WhenAll(Enumerable.Range(1, 40).Select(i => (i % 2 == 0 ? a : b).GetRequiredService<ILedger>()
            .CreditAsync(account, "reward", i, i, default)));
        var repeated = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? a : b).GetRequiredService<ILedger>()
            .CreditAsync(account, "reward", 1000, 7, default)));

        Assert.All(distinct, Assert.True);
        Assert.Single(repeated, r => r);
        var wallet = await a.GetRequiredService<ILedger>().WalletAsync(account, 0, 100, default);
        Assert.Equal(Enumerable.Range(1, 40).Sum() + 7, wallet.Balance);
        Assert.Equal(41, wallet.Entries.Count);
        Assert.Equal(wallet.Balance, wallet.Entries.Sum(e => e.Amount));
        Assert.Equal(wallet.Entries.Skip(10).Take(5), (await a.GetRequiredService<ILedger>().WalletAsync(account, 10, 5, default)).Entries);
    }

    [Fact]
    public async Task A_success_event_delivered_many_times_to_two_instances_credits_the_author_and_the_platform_once_and_pays_the_reward()
    {
        await using var a = Instance();
        await using var b = Instance();
        var (rid, author) = (Random.Shared.NextInt64(1, 1L << 50), Random.Shared.NextInt64(1, 1L << 40));
        Assert.True(await a.GetRequiredService<IRewardStore>().AddAsync(new Reward(rid, 5, 6, author, 12345, 1234, RewardStatus.Init, DateTimeOffset.UtcNow), default));
        var success = Event(rid, 12345, PaymentStatus.Success);
        var failure = Event(rid, 12345, PaymentStatus.Failed); // out of order, impossible after a success: ignored

        // All at once: a batch with the event three times, and ten more deliveries to either instance.
        await Task.WhenAll([a.GetRequiredService<RewardPaymentEvents>().HandleAsync([success, success, success], default),
            .. Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? a : b).GetRequiredService<RewardPaymentEvents>().HandleAsync([success, failure], default))]);

        var ledger = a.GetRequiredService<ILedger>();
        Assert.Equal(12345 - 1234, (await ledger.WalletAsync(LedgerAccount.User(author), 0, 10, default)).Balance);
        var platform = Assert.Single(await ledger.EntriesOfAsync(Reward.Biz, rid, [LedgerAccount.Platform], default));
        Assert.Equal(1234, platform.Amount);
        Assert.Equal(RewardStatus.Payed, (await b.GetRequiredService<IRewardStore>().GetAsync(rid, default))!.Status);
    }

    [Fact]
    public async Task Messages_that_are_no_payment_events_and_events_of_other_businesses_are_skipped()
    {
        await using var a = Instance();
        var rid = Random.Shared.NextInt64(1, 1L << 50);
        await a.GetRequiredService<IRewardStore>().AddAsync(new Reward(rid, 5, 6, 7, 100, 10, RewardStatus.Init, DateTimeOffset.UtcNow), default);

        await a.GetRequiredService<RewardPaymentEvents>().HandleAsync(
            ["not json"u8.ToArray(), "{}"u8.ToArray(), System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new PaymentEvent("x", "order-" + rid, "order", rid, 100, "Success", 1), WebookJson.Options)],
            default);

        Assert.Equal(RewardStatus.Init, (await a.GetRequiredService<IRewardStore>().GetAsync(rid, default))!.Status);
        Assert.Empty(await a.GetRequiredService<ILedger>().EntriesOfAsync(Reward.Biz, rid, [LedgerAccount.User(7), LedgerAccount.Platform], default));
    }

    private static byte[] Event(long rid, long amount, PaymentStatus status) =>
        System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
            new PaymentEvent(Guid.NewGuid().ToString("N"), Payment.TradeNo(Reward.Biz, rid), Reward.Biz, rid, amount, status.ToString(), 1), WebookJson.Options);

    private ServiceProvider Instance()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = TestEnvironment.StorageConnectionString,
            ["Storage:TablePrefix"] = _prefix,
            ["Redis:ConnectionString"] = TestEnvironment.RedisConnectionString,
            ["Redis:KeyPrefix"] = _prefix + ":",
        };
        return new ServiceCollection().AddLogging().AddWebookCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
    }
}
