using Webook.Core.Sms.Storage;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Storage.Tables;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

public sealed class SmsOutboxTests
{
    [Fact]
    public async Task A_rate_limited_code_is_stored_survives_a_restart_and_is_delivered_by_the_retry_job()
    {
        var phone = SmsLogin.NewPhone();
        IReadOnlyDictionary<string, string?> settings;
        await using (var limited = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Sms:RateLimit:Limit"] = "0",
            ["Sms:Retry:Schedule"] = "0 0 0 1 1 *",
        }))
        {
            settings = limited.Settings;
            using var client = limited.CreateClient();
            Assert.Equal(0, (await SmsLogin.SendCodeAsync(client, phone)).Code);
            Assert.Equal(1, await CountStoredAsync(limited));
            Assert.Empty(SmsLogin.Sent(limited));
        }

        await using var restarted = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Storage:TablePrefix"] = settings["Storage:TablePrefix"],
            ["Redis:KeyPrefix"] = settings["Redis:KeyPrefix"],
            ["Sms:Retry:Schedule"] = "* * * * * *",
        });
        var code = await SmsLogin.ReadCodeAsync(restarted, phone);
        using var again = restarted.CreateClient();
        Assert.Equal(0, (await SmsLogin.LoginAsync(again, phone, code)).Code);
        for (var i = 0; i < 100 && await CountStoredAsync(restarted) > 0; i++) await Task.Delay(100);
        Assert.Equal(0, await CountStoredAsync(restarted));
    }

    private static async Task<int> CountStoredAsync(RunningServer server)
    {
        var table = await server.Services.GetRequiredService<WebookTables>().GetAsync(WebookTables.SmsOutbox, CancellationToken.None);
        var count = 0;
        await foreach (var _ in table.QueryAsync<SmsOutboxEntity>()) count++;
        return count;
    }
}
