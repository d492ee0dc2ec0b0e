using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Sms;
using Webook.Core.Sms.Providers;

namespace Webook.UnitTests.Sms;

/// <summary>
/// The ACS sender against a real local HTTP server standing in for ACS: it checks each request's
/// signature the way ACS documents it and answers as the test asks.
/// </summary>
public sealed class AcsSmsSenderTests : IAsyncLifetime
{
    private const string From = "+18005550100";
    private const string Phone = "+8613800138000";
    private const string SecretText = "Your login code is 482913";
    private static readonly string AccessKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private WebApplication _server = null!;
    private Uri _endpoint = null!;
    private readonly List<Received> _received = [];
    private Func<int, HttpContext, Task> _answer = (_, context) => Accepted(context, successful: true);

    private sealed record Received(string PathAndQuery, bool SignatureValid, string? Problem, byte[] Body);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.Run(Handle);
        await _server.StartAsync();
        var address = _server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _endpoint = new Uri(address + "/");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task Handle(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var problem = CheckSignature(context.Request, body);
        int attempt;
        lock (_received)
        {
            _received.Add(new Received(context.Request.Path + context.Request.QueryString.Value, problem is null, problem, body));
            attempt = _received.Count;
        }

        if (problem is not null)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsJsonAsync(new { error = new { code = "Denied", message = "Denied by HMAC check" } });
            return;
        }
        await _answer(attempt, context);
    }

    // The documented scheme, written out independently of the sender:
    // "POST\n" + path and query + "\n" + x-ms-date + ";" + host + ";" + x-ms-content-sha256, HMAC-SHA256 with the decoded key.
    private static string? CheckSignature(HttpRequest request, byte[] body)
    {
        var contentHash = Convert.ToBase64String(SHA256.HashData(body));
        if (request.Headers["x-ms-content-sha256"] != contentHash) return "content hash";
        var date = request.Headers["x-ms-date"].ToString();
        if (!DateTimeOffset.TryParseExact(date, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sent)
            || (DateTimeOffset.UtcNow - sent).Duration() > TimeSpan.FromMinutes(5))
            return "date";
        var stringToSign = "POST\n" + request.Path + request.QueryString.Value + "\n" + date + ";" + request.Host.Value + ";" + contentHash;
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(AccessKey), Encoding.UTF8.GetBytes(stringToSign)));
        return request.Headers.Authorization == "HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=" + signature
            ? null
            : "signature";
    }

    private static Task Accepted(HttpContext context, bool successful)
    {
        context.Response.StatusCode = 202;
        return context.Response.WriteAsJsonAsync(new
        {
            value = new[]
            {
                new
                {
                    to = Phone,
                    messageId = successful ? "Outgoing_20240101_abc" : null,
                    httpStatusCode = successful ? 202 : 400,
                    errorMessage = successful ? null : "Invalid To phone number format.",
                    repeatabilityResult = "accepted",
                    successful,
                },
            },
        });
    }

    private AcsSmsOptions Options(string? key = null, int maxRetries = 2) => new()
    {
        ConnectionString = $"endpoint={_endpoint};accesskey={key ?? AccessKey}",
        From = From,
        MaxRetries = maxRetries,
    };

    // Retries as configured, without Azure.Core's default back-off of most of a second per try.
    private AcsSmsSender Sender(string? key = null, int maxRetries = 2)
    {
        var client = new FastRetryOptions();
        client.Retry.Delay = TimeSpan.FromMilliseconds(5);
        client.Retry.MaxDelay = TimeSpan.FromMilliseconds(20);
        return new AcsSmsSender(Options(key, maxRetries), client);
    }

    private sealed class FastRetryOptions : ClientOptions;

    private static void AssertNoSecrets(Exception error, string key)
    {
        Assert.DoesNotContain(key, error.ToString());
        Assert.DoesNotContain(SecretText, error.ToString());
        Assert.DoesNotContain("482913", error.ToString());
    }

    [Fact]
    public async Task A_message_is_delivered_signed_with_the_documented_json()
    {
        var sender = new AcsSmsSender(Microsoft.Extensions.Options.Options.Create(Options()));

        await sender.SendAsync(new SmsMessage(Phone, SecretText), CancellationToken.None);

        Assert.Equal("acs", sender.Name);
        var request = Assert.Single(_received);
        Assert.True(request.SignatureValid, request.Problem);
        Assert.Equal("/sms?api-version=2021-03-07", request.PathAndQuery);
        var json = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal(From, json.GetProperty("from").GetString());
        var recipient = Assert.Single(json.GetProperty("smsRecipients").EnumerateArray());
        Assert.Equal(Phone, recipient.GetProperty("to").GetString());
        Assert.Equal(SecretText, json.GetProperty("message").GetString());
        Assert.False(json.GetProperty("smsSendOptions").GetProperty("enableDeliveryReport").GetBoolean());
    }

    [Fact]
    public async Task A_wrong_key_is_refused_with_401_and_the_error_carries_no_secrets()
    {
        var wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            Sender(wrongKey).SendAsync(new SmsMessage(Phone, SecretText), CancellationToken.None));

        Assert.Equal(401, error.Status);
        Assert.Equal("Denied", error.ErrorCode);
        Assert.Contains("Denied by HMAC check", error.Message);
        Assert.Equal("signature", Assert.Single(_received).Problem);
        AssertNoSecrets(error, wrongKey);
    }

    [Fact]
    public async Task A_recipient_marked_unsuccessful_in_a_202_is_a_failure()
    {
        _answer = (_, context) => Accepted(context, successful: false);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            Sender().SendAsync(new SmsMessage(Phone, SecretText), CancellationToken.None));

        Assert.Equal(400, error.Status);
        Assert.Contains("Invalid To phone number format.", error.Message);
        Assert.Single(_received);
        AssertNoSecrets(error, AccessKey);
    }

    [Fact]
    public async Task A_server_error_is_retried_with_a_fresh_signature_each_try_then_thrown()
    {
        _answer = (_, context) =>
        {
            context.Response.StatusCode = 500;
            return context.Response.WriteAsJsonAsync(new { error = new { code = "InternalError", message = "Something broke" } });
        };

        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            Sender(maxRetries: 2).SendAsync(new SmsMessage(Phone, SecretText), CancellationToken.None));

        Assert.Equal(500, error.Status);
        Assert.Equal("InternalError", error.ErrorCode);
        Assert.Equal(3, _received.Count);
        Assert.All(_received, r => Assert.True(r.SignatureValid, r.Problem));
        AssertNoSecrets(error, AccessKey);
    }

    [Fact]
    public async Task A_server_error_followed_by_success_is_a_success()
    {
        _answer = (attempt, context) =>
        {
            if (attempt > 1) return Accepted(context, successful: true);
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        };

        await Sender(maxRetries: 2).SendAsync(new SmsMessage(Phone, SecretText), CancellationToken.None);

        Assert.Equal(2, _received.Count);
    }

    [Fact]
    public async Task A_call_cancelled_before_it_starts_throws_OperationCanceledException()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Sender().SendAsync(new SmsMessage(Phone, SecretText), cancel.Token));

        Assert.Empty(_received);
    }

    [Fact]
    public async Task A_call_cancelled_while_ACS_is_answering_throws_OperationCanceledException()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _answer = async (_, context) =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        };
        using var cancel = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();

        var send = Sender().SendAsync(new SmsMessage(Phone, SecretText), cancel.Token);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Single(_received);
    }

    [Fact]
    public void A_good_connection_string_gives_the_endpoint_and_decoded_key()
    {
        var key = RandomNumberGenerator.GetBytes(32);

        var parsed = AcsConnectionString.Parse($"endpoint=https://contoso.communication.azure.com/;accesskey={Convert.ToBase64String(key)}");

        Assert.Equal(new Uri("https://contoso.communication.azure.com/"), parsed.Endpoint);
        Assert.Equal(key, parsed.AccessKey);
    }

    [Theory]
    [InlineData("accesskey=c2VjcmV0LWtleS12YWx1ZQ==", "endpoint")]
    [InlineData("endpoint=not a uri;accesskey=c2VjcmV0LWtleS12YWx1ZQ==", "endpoint")]
    [InlineData("endpoint=https://contoso.communication.azure.com/", "accesskey")]
    [InlineData("endpoint=https://contoso.communication.azure.com/;accesskey=c2VjcmV0LWtleS12YWx1ZQ==!!", "base64")]
    public void A_bad_connection_string_is_refused_without_echoing_the_key(string connectionString, string complaint)
    {
        var error = Assert.Throws<FormatException>(() => AcsConnectionString.Parse(connectionString));

        Assert.Contains(complaint, error.Message);
        Assert.DoesNotContain("c2VjcmV0LWtleS12YWx1ZQ", error.ToString());
    }

    [Fact]
    public void A_bad_connection_string_fails_the_sender_at_construction()
    {
        Assert.Throws<FormatException>(() => new AcsSmsSender(Microsoft.Extensions.Options.Options.Create(new AcsSmsOptions { From = From })));
    }
}
