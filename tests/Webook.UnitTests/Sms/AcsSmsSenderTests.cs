using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Webook.Core.Sms;
using Webook.Core.Sms.Providers;
using Webook.TestSupport;

namespace Webook.UnitTests.Sms;

/// <summary>
/// The ACS sender against the fake ACS of Webook.TestSupport (a real local HTTP server that checks each
/// request's signature the way ACS documents it), answering as each test asks.
/// </summary>
public sealed class AcsSmsSenderTests : IAsyncDisposable
{
    private const string From = "+18005550100";
    private const string Phone = "+8613800138000";
    private const string SecretText = "Your login code is 482913";

    private readonly FakeAcsSms _acs = FakeAcsSms.Start();

    public ValueTask DisposeAsync() => _acs.DisposeAsync();

    private AcsSmsOptions Options(string? key = null, int maxRetries = 2) => new()
    {
        ConnectionString = $"endpoint={_acs.Endpoint};accesskey={key ?? _acs.AccessKey}",
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
        var request = Assert.Single(_acs.Requests);
        Assert.True(request.SignatureValid, request.SignatureProblem);
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
        Assert.Equal("signature", Assert.Single(_acs.Requests).SignatureProblem);
        AssertNoSecrets(error, wrongKey);
    }

    [Fact]
    public async Task A_recipient_marked_unsuccessful_in_a_202_is_a_failure()
    {
        _acs.Answer = (_, context) => FakeAcsSms.AcceptAsync(context, successful: false);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            Sender().SendAsync(new SmsMessage(Phone, SecretText), CancellationToken.None));

        Assert.Equal(400, error.Status);
        Assert.Contains("Invalid To phone number format.", error.Message);
        Assert.Single(_acs.Requests);
        AssertNoSecrets(error, _acs.AccessKey);
    }

    [Fact]
    public async Task A_server_error_is_retried_with_a_fresh_signature_each_try_then_thrown()
    {
        _acs.Answer = (_, context) =>
        {
            context.Response.StatusCode = 500;
            return context.Response.WriteAsJsonAsync(new { error = new { code = "InternalError", message = "Something broke" } });
        };

        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            Sender(maxRetries: 2).SendAsync(new SmsMessage(Phone, SecretText), CancellationToken.None));

        Assert.Equal(500, error.Status);
        Assert.Equal("InternalError", error.ErrorCode);
        Assert.Equal(3, _acs.Requests.Count);
        Assert.All(_acs.Requests, r => Assert.True(r.SignatureValid, r.SignatureProblem));
        AssertNoSecrets(error, _acs.AccessKey);
    }

    [Fact]
    public async Task A_server_error_followed_by_success_is_a_success()
    {
        _acs.Answer = (attempt, context) =>
        {
            if (attempt > 1) return FakeAcsSms.AcceptAsync(context, successful: true);
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        };

        await Sender(maxRetries: 2).SendAsync(new SmsMessage(Phone, SecretText), CancellationToken.None);

        Assert.Equal(2, _acs.Requests.Count);
    }

    [Fact]
    public async Task A_call_cancelled_before_it_starts_throws_OperationCanceledException()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Sender().SendAsync(new SmsMessage(Phone, SecretText), cancel.Token));

        Assert.Empty(_acs.Requests);
    }

    [Fact]
    public async Task A_call_cancelled_while_ACS_is_answering_throws_OperationCanceledException()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _acs.Answer = async (_, context) =>
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
        Assert.Single(_acs.Requests);
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
