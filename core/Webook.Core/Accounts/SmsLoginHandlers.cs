using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Webook.Core.Auth;
using Webook.Core.Http;
using Webook.Core.Sms;

namespace Webook.Core.Accounts;

/// <summary>/users/login_sms: a code by SMS, then login with it; the first login registers the phone.</summary>
public sealed class SmsLoginHandlers(
    SmsCodeService codes, UserService users, Authenticator auth, HandlerGuard guard, IOptions<HttpOptions> http)
{
    public const string Purpose = "login";

    public Task<IResult> SendCodeAsync(HttpRequest request) => guard.RunAsync(request, "send sms code", async ct =>
    {
        var (body, error) = await JsonBody.ReadAsync<SendSmsCodeRequest>(request, http.Value.MaxRequestBodyBytes);
        if (body is null) return error!;
        var phone = PhoneNumbers.Normalize(body.Phone);
        if (phone is null) return ApiResults.Refused(PhoneNumbers.Rule);

        return await codes.SendAsync(Purpose, phone, ClientAddress.Of(request, http.Value), ct) switch
        {
            SendCodeResult.Sent => ApiResults.Ok(),
            SendCodeResult.TooFrequent => ApiResults.Refused("A code was sent to this phone less than a minute ago; please wait."),
            _ => ApiResults.Refused("Sending too often; please try again later."),
        };
    });

    public Task<IResult> LoginAsync(HttpRequest request) => guard.RunAsync(request, "sms login", async ct =>
    {
        var (body, error) = await JsonBody.ReadAsync<SmsLoginRequest>(request, http.Value.MaxRequestBodyBytes);
        if (body is null) return error!;
        var phone = PhoneNumbers.Normalize(body.Phone);
        if (phone is null) return ApiResults.Refused(PhoneNumbers.Rule);
        if (body.Code is not { Length: 6 } code || !code.All(char.IsAsciiDigit)) return ApiResults.Refused("The code is 6 digits.");

        if (!await codes.VerifyAsync(Purpose, phone, code, ct)) return ApiResults.Refused("Wrong code.");
        var user = await users.FindOrCreateByPhoneAsync(phone, ct);
        await auth.StartSessionAsync(request, user.Id, ct);
        return ApiResults.Ok();
    });
}
