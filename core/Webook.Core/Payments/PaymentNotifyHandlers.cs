using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Http;
using Webook.Core.Payments.WeChatPay;

namespace Webook.Core.Payments;

/// <summary>
/// POST /pay/wechat/notify, WeChat Pay's payment callback: trusted only once its signature verifies with the platform
/// key and serial within WeChatPay:SignatureMaxAge and its resource decrypts under the APIv3 key; then applied as a
/// forward-only move. Answers in WeChat Pay's format, not the envelope: 204 when it is taken (also a repeat), and a
/// 4xx/5xx with <c>{code: "FAIL", message}</c> when WeChat Pay should send it again.
/// </summary>
public sealed class PaymentNotifyHandlers(WeChatPaySignatures signatures, PaymentService payments, IOptions<WeChatPayOptions> options,
    IOptions<HttpOptions> http, ILogger<PaymentNotifyHandlers> logger)
{
    public async Task<IResult> NotifyAsync(RouteCall<NoBody> call)
    {
        var request = call.Request;
        if (!options.Value.Enabled) return Fail(StatusCodes.Status404NotFound, "payments are not set up");
        if (request.ContentLength > http.Value.MaxRequestBodyBytes) return Fail(StatusCodes.Status413PayloadTooLarge, "body too large");
        string body;
        try
        {
            body = await new StreamReader(new LengthLimitedStream(request.Body, http.Value.MaxRequestBodyBytes)).ReadToEndAsync(call.Ct);
        }
        catch (BodyTooLargeException)
        {
            return Fail(StatusCodes.Status413PayloadTooLarge, "body too large");
        }
        var headers = request.Headers;
        if (!signatures.Verify(headers["Wechatpay-Timestamp"], headers["Wechatpay-Nonce"], headers["Wechatpay-Signature"], headers["Wechatpay-Serial"], body))
        {
            logger.LogWarning("A payment callback's signature did not verify (forged, stale or of another key); refused");
            return Fail(StatusCodes.Status401Unauthorized, "signature verification failed");
        }
        if (Resource(body) is not { } resource || signatures.Decrypt(resource.Ciphertext, resource.Nonce, resource.AssociatedData ?? "") is not { } plain
            || WeChatPayClient.Transaction(plain) is not { } transaction)
            return Fail(StatusCodes.Status400BadRequest, "resource does not decrypt to a transaction");

        try
        {
            return await payments.ApplyAsync(transaction, call.Ct) switch
            {
                PaymentOutcome.Moved or PaymentOutcome.Unchanged => Results.NoContent(),
                PaymentOutcome.UnknownOrder => Fail(StatusCodes.Status404NotFound, "no such order"),
                _ => Fail(StatusCodes.Status400BadRequest, "the order does not match"),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing was taken: WeChat Pay sends the callback again.
            logger.LogError(e, "The payment callback of order {TradeNo} could not be applied", transaction.OutTradeNo);
            return Fail(StatusCodes.Status500InternalServerError, "try again later");
        }
    }

    private static IResult Fail(int status, string message) => Results.Json(new NotifyFailure("FAIL", message), WebookJson.Options, statusCode: status);

    private static NotifyResource? Resource(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<NotifyBody>(body)?.Resource is { Ciphertext.Length: > 0, Nonce.Length: > 0 } resource ? resource : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record NotifyFailure(string Code, string Message);

    private sealed record NotifyBody([property: JsonPropertyName("resource")] NotifyResource? Resource);

    private sealed record NotifyResource(
        [property: JsonPropertyName("ciphertext")] string Ciphertext,
        [property: JsonPropertyName("nonce")] string Nonce,
        [property: JsonPropertyName("associated_data")] string? AssociatedData);
}
