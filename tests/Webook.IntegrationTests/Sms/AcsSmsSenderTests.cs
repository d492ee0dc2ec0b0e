using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Webook.Core.Sms;
using Webook.Core.Sms.Providers;

namespace Webook.IntegrationTests.Sms;

/// <summary>The ACS sender against a local HTTP listener that checks requests the way ACS documents them.</summary>
public sealed class AcsSmsSenderTests : IAsyncLifetime
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private const string From = "+18005550100";
    private WebApplication _acs = null!;
    private Uri _endpoint = null!;
    private int _requests;
    private Func<JsonElement, IResult> _answer = _ => Accepted(true);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _acs = builder.Build();
        _acs.MapPost("/sms", async (HttpRequest request) =>
        {
            Interlocked.Increment(ref _requests);
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            if (request.Query["api-version"] != "2021-03-07") return Results.BadRequest();
            if (!SignatureIsValid(request, body)) return Results.Json(new { error = new { code = "Denied", message = "Denied by signature" } }, statusCode: 401);
            return _answer(JsonDocument.Parse(body).RootElement);
        });
        await _acs.StartAsync();
        _endpoint = new Uri(_acs.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/");
    }

    public async Task DisposeAsync() => await _acs.DisposeAsync();

    private AcsSmsSender Sender(byte[]? key = null, int retries = 0) => new(new AcsSmsOptions
    {
        ConnectionString = $"endpoint={_endpoint};accesskey={Convert.ToBase64String(key ?? Key)}",
        From = From,
        MaxRetries = retries,
    }, transport: null);

    [Fact]
    public async Task A_signed_message_is_accepted_with_the_documented_json()
    {
        JsonElement? received = null;
        _answer = json => { received = json.Clone(); return Accepted(true); };

        await Sender().SendAsync(new SmsMessage("+8613800138000", "Your code is 123456"), default);

        Assert.Equal(From, received!.Value.GetProperty("from").GetString());
        Assert.Equal("+8613800138000", received.Value.GetProperty("smsRecipients")[0].GetProperty("to").GetString());
        Assert.Equal("Your code is 123456", received.Value.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_wrong_key_is_refused_and_the_error_names_neither_key_nor_text()
    {
        var wrongKey = RandomNumberGenerator.GetBytes(32);
        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            Sender(wrongKey).SendAsync(new SmsMessage("+8613800138000", "secret 654321"), default));

        Assert.Equal(401, error.Status);
        Assert.DoesNotContain("654321", error.Message);
        Assert.DoesNotContain(Convert.ToBase64String(wrongKey), error.Message);
    }

    [Fact]
    public async Task A_recipient_marked_unsuccessful_is_a_failure()
    {
        _answer = _ => Accepted(false);
        await Assert.ThrowsAsync<RequestFailedException>(() => Sender().SendAsync(new SmsMessage("+8613800138000", "x"), default));
    }

    [Fact]
    public async Task A_server_error_is_retried_then_reported()
    {
        _answer = _ => Results.StatusCode(503);
        var error = await Assert.ThrowsAsync<RequestFailedException>(() => Sender(retries: 2).SendAsync(new SmsMessage("+8613800138000", "x"), default));
        Assert.Equal(503, error.Status);
        Assert.Equal(3, _requests);
    }

    [Fact]
    public async Task The_callers_cancellation_ends_the_call()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Sender().SendAsync(new SmsMessage("+8613800138000", "x"), cancel.Token));
    }

    [Theory]
    [InlineData("accesskey=AAAA")]
    [InlineData("endpoint=https://x.communication.azure.com/")]
    [InlineData("endpoint=https://x.communication.azure.com/;accesskey=not base64!")]
    public void A_bad_connection_string_is_refused_without_echoing_it(string connectionString)
    {
        var error = Assert.Throws<FormatException>(() => AcsConnectionString.Parse(connectionString));
        Assert.DoesNotContain("AAAA", error.Message);
    }

    private static IResult Accepted(bool successful) => Results.Json(new
    {
        value = new[] { new { to = "+8613800138000", messageId = "m1", httpStatusCode = successful ? 202 : 400, successful, errorMessage = successful ? null : "Invalid number" } },
    }, statusCode: 202);

    // ACS's documented scheme, written out here independently of the sender's code.
    private static bool SignatureIsValid(HttpRequest request, byte[] body)
    {
        var date = request.Headers["x-ms-date"].ToString();
        var hash = Convert.ToBase64String(SHA256.HashData(body));
        if (request.Headers["x-ms-content-sha256"] != hash) return false;
        var stringToSign = $"POST\n{request.Path}{request.QueryString}\n{date};{request.Host};{hash}";
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(stringToSign)));
        return request.Headers.Authorization == $"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={expected}";
    }
}
