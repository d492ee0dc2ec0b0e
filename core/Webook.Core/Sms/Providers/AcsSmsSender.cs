using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Options;

namespace Webook.Core.Sms.Providers;

/// <summary>Azure Communication Services SMS over its REST API (api-version 2021-03-07).</summary>
public sealed class AcsSmsSender : ISmsSender
{
    private const string ApiVersion = "2021-03-07";
    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;
    private readonly string _from;

    public AcsSmsSender(IOptions<AcsSmsOptions> options) : this(options.Value, transport: null)
    {
    }

    public AcsSmsSender(AcsSmsOptions options, HttpPipelineTransport? transport)
    {
        var connection = AcsConnectionString.Parse(options.ConnectionString);
        _endpoint = connection.Endpoint;
        _from = options.From;
        var clientOptions = new AcsClientOptions();
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        if (transport is not null) clientOptions.Transport = transport;
        _pipeline = HttpPipelineBuilder.Build(clientOptions, new AcsHmacPolicy(connection.AccessKey));
    }

    public string Name => "acs";

    public async Task SendAsync(SmsMessage message, CancellationToken ct)
    {
        using var http = _pipeline.CreateMessage();
        http.Request.Method = RequestMethod.Post;
        http.Request.Uri.Reset(new Uri(_endpoint, $"sms?api-version={ApiVersion}"));
        http.Request.Headers.SetValue("Content-Type", "application/json");
        http.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(new
        {
            from = _from,
            smsRecipients = new[] { new { to = message.Phone } },
            message = message.Text,
            smsSendOptions = new { enableDeliveryReport = false },
        }));

        await _pipeline.SendAsync(http, ct);
        var response = http.Response;
        if (response.Status != 202) throw Failure(response, ErrorMessage(response));
        using var body = JsonDocument.Parse(response.Content.ToMemory());
        foreach (var recipient in body.RootElement.GetProperty("value").EnumerateArray())
        {
            if (!recipient.GetProperty("successful").GetBoolean())
                throw Failure(response, recipient.TryGetProperty("errorMessage", out var e) ? e.GetString() : null);
        }
    }

    private static RequestFailedException Failure(Response response, string? detail) =>
        new(response.Status, $"ACS refused the SMS with {response.Status}{(detail is null ? "" : ": " + detail)}");

    private static string? ErrorMessage(Response response)
    {
        try
        {
            using var body = JsonDocument.Parse(response.Content.ToMemory());
            return body.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out var m) ? m.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed class AcsClientOptions : ClientOptions
    {
    }
}
