using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Storage.Tables;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

public sealed class ConcurrencyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Fifty_parallel_signups_with_one_email_create_exactly_one_account()
    {
        var email = Accounts.NewEmail();
        var clients = Enumerable.Range(0, 50).Select(_ => fixture.Server.CreateClient()).ToList();

        var answers = await Task.WhenAll(clients.Select((client, i) =>
            Accounts.SignupAsync(client, i % 2 == 0 ? email : email.ToUpperInvariant())));

        Assert.Single(answers, a => a.Code == 0);
        Assert.Equal(49, answers.Count(a => a.Code == 4));

        var tables = fixture.Server.Services.GetRequiredService<WebookTables>();
        var users = await tables.GetAsync(WebookTables.Users, CancellationToken.None);
        var rows = new List<TableEntity>();
        await foreach (var row in users.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Email eq {email} or Email eq {email.ToUpperInvariant()}")))
            rows.Add(row);
        Assert.Single(rows);

        Assert.Equal(0, (await Accounts.LoginAsync(clients[0], email)).Code);
        clients.ForEach(c => c.Dispose());
    }
}
