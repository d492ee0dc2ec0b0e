using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Webook.Core.Auth;
using Webook.Core.Http;
using Webook.Core.Sms;

namespace Webook.Core.Accounts;

/// <summary>/users/login_sms: a code by SMS, then login with it; the first login registers the phone.</summary>
public sealed class SmsLoginHandlers(SmsCodeService codes, UserService users, Authenticator auth, IOptions<HttpOptions> http)
{
    public const string Purpose = "login";

    public async Task<IResult> SendCodeAsync(RouteCall<SendSmsCodeRequest> call)
    {
        var (body, request, ct) = (call.Body, call.Request, call.Ct);
        var phone = PhoneNumbers.Normalize(body.Phone);
        if (phone is null) return ApiResults.Refused(PhoneNumbers.Rule);

        return await codes.SendAsync(Purpose, phone, ClientAddress.Of(request, http.Value), ct) switch
        {
            SendCodeResult.Sent => ApiResults.Ok(),
            SendCodeResult.TooFrequent => ApiResults.Refused("A code was sent to this phone less than a minute ago; please wait."),
            _ => ApiResults.Refused("Sending too often; please try again later."),
        };
    }

    public async Task<IResult> LoginAsync(RouteCall<SmsLoginRequest> call)
    {
        var (body, request, ct) = (call.Body, call.Request, call.Ct);
        var phone = PhoneNumbers.Normalize(body.Phone);
        if (phone is null) return ApiResults.Refused(PhoneNumbers.Rule);
        if (body.Code is not { Length: 6 } code || !code.All(char.IsAsciiDigit)) return ApiResults.Refused("The code is 6 digits.");

        if (!await codes.VerifyAsync(Purpose, phone, code, ct)) return ApiResults.Refused("Wrong code.");
        var user = await users.FindOrCreateByPhoneAsync(phone, ct);
        await auth.StartSessionAsync(request, user.Id, ct);
        return ApiResults.Ok();
    }
}
