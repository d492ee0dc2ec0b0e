using Webook.Core.Sms.Storage;
using Microsoft.Extensions.Options;
using Webook.Core.Sms;
using Webook.Core.Storage.Redis;
using Webook.IntegrationTests.Redis;

namespace Webook.IntegrationTests.Sms;

public sealed class RedisSmsCodeStoreTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private RedisSmsCodeStore Store(SmsCodeOptions? options = null) => new(redis.Connection, Options.Create(options ?? new SmsCodeOptions()));

    private static string NewPhone() => "+861" + Random.Shared.NextInt64(3_000_000_000, 9_999_999_999);

    [Fact]
    public async Task A_hundred_concurrent_sends_for_one_phone_store_exactly_one_code()
    {
        var store = Store();
        var phone = NewPhone();

        var stored = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => store.TryStoreAsync("login", phone, $"{i:D6}", default)));

        var winner = Array.IndexOf(stored, true);
        Assert.Single(stored, s => s);
        Assert.True(await store.VerifyAsync("login", phone, $"{winner:D6}", default));
    }

    [Fact]
    public async Task A_hundred_concurrent_verifies_with_the_right_code_succeed_exactly_once()
    {
        var store = Store();
        var phone = NewPhone();
        Assert.True(await store.TryStoreAsync("login", phone, "123456", default));

        var verified = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => store.VerifyAsync("login", phone, "123456", default)));

        Assert.Single(verified, v => v);
    }

    [Fact]
    public async Task The_callers_cancellation_ends_each_call()
    {
        var store = Store();
        var phone = NewPhone();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.TryStoreAsync("login", phone, "123456", cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.VerifyAsync("login", phone, "123456", cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ReleaseAsync("login", phone, "123456", cancelled.Token));
    }

    [Fact]
    public async Task Three_wrong_codes_kill_the_code_and_the_answer_stays_no()
    {
        var store = Store();
        var phone = NewPhone();
        await store.TryStoreAsync("login", phone, "123456", default);

        for (var i = 0; i < 3; i++) Assert.False(await store.VerifyAsync("login", phone, "000000", default));

        Assert.False(await store.VerifyAsync("login", phone, "123456", default));
    }

    [Fact]
    public async Task Two_wrong_codes_still_leave_the_right_one_working()
    {
        var store = Store();
        var phone = NewPhone();
        await store.TryStoreAsync("login", phone, "123456", default);
        Assert.False(await store.VerifyAsync("login", phone, "000000", default));
        Assert.False(await store.VerifyAsync("login", phone, "000001", default));
        Assert.True(await store.VerifyAsync("login", phone, "123456", default));
    }

    [Fact]
    public async Task A_second_send_waits_for_the_resend_interval_and_a_code_expires_after_its_lifetime()
    {
        var store = Store(new SmsCodeOptions { Lifetime = TimeSpan.FromSeconds(2), ResendInterval = TimeSpan.FromSeconds(1) });
        var phone = NewPhone();
        Assert.True(await store.TryStoreAsync("login", phone, "111111", default));
        Assert.False(await store.TryStoreAsync("login", phone, "222222", default));

        await Task.Delay(TimeSpan.FromMilliseconds(1200));
        Assert.True(await store.TryStoreAsync("login", phone, "333333", default));
        Assert.False(await store.VerifyAsync("login", phone, "111111", default));

        await Task.Delay(TimeSpan.FromMilliseconds(2200));
        Assert.False(await store.VerifyAsync("login", phone, "333333", default));
    }

    [Fact]
    public async Task Purposes_and_phones_have_separate_codes()
    {
        var store = Store();
        var phone = NewPhone();
        Assert.True(await store.TryStoreAsync("login", phone, "111111", default));
        Assert.True(await store.TryStoreAsync("bind", phone, "222222", default));
        Assert.False(await store.VerifyAsync("login", phone, "222222", default));
        Assert.True(await store.VerifyAsync("bind", phone, "222222", default));
    }
}
