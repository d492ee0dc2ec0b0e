using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Options;

namespace Webook.Core.Sms.Providers;

/// <summary>
/// Azure Communication Services SMS over its REST API (api-version 2021-03-07), signed with the
/// resource's access key. Retries and the per-try timeout come from Azure.Core's pipeline.
/// </summary>
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
        : this(options, transport is null ? new AcsClientOptions() : new AcsClientOptions { Transport = transport })
    {
    }

    /// <summary>Takes the rest of the pipeline's settings (transport, retry delays) from <paramref name="clientOptions"/>.</summary>
    internal AcsSmsSender(AcsSmsOptions options, ClientOptions clientOptions)
    {
        var connection = AcsConnectionString.Parse(options.ConnectionString);
        _endpoint = connection.Endpoint;
        _from = options.From;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
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
        if (response.Status != 202)
        {
            var (code, detail) = ServiceError(response);
            throw new RequestFailedException(response.Status, Describe($"ACS refused the SMS with {response.Status}", code, detail), code, null);
        }

        if (RefusedRecipient(response) is { } refused)
            throw new RequestFailedException(refused.Status, Describe($"ACS accepted the request but not the recipient ({refused.Status})", null, refused.Detail));
    }

    private static string Describe(string what, string? code, string? detail) =>
        what + (code is null ? "" : $" [{code}]") + (detail is null ? "" : ": " + detail);

    private static (string? Code, string? Message) ServiceError(Response response)
    {
        try
        {
            using var body = JsonDocument.Parse(response.Content.ToMemory());
            if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object)
                return (null, null);
            return (Text(error, "code"), Text(error, "message"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    // A 202 means ACS took the request; only an explicit "successful": false marks the recipient as refused.
    // An unexpected 202 body is taken as sent, because failing it would make failover send the code twice.
    private static (int Status, string? Detail)? RefusedRecipient(Response response)
    {
        try
        {
            using var body = JsonDocument.Parse(response.Content.ToMemory());
            if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty("value", out var value)
                || value.ValueKind != JsonValueKind.Array)
                return null;
            foreach (var recipient in value.EnumerateArray())
            {
                if (recipient.ValueKind != JsonValueKind.Object
                    || !recipient.TryGetProperty("successful", out var successful) || successful.ValueKind != JsonValueKind.False)
                    continue;
                var status = recipient.TryGetProperty("httpStatusCode", out var s) && s.TryGetInt32(out var n) ? n : response.Status;
                return (status, Text(recipient, "errorMessage"));
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed class AcsClientOptions : ClientOptions
    {
    }
}
