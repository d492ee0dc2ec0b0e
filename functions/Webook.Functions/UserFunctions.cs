using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Webook.Core.Accounts;
using Webook.Core.Http;

namespace Webook.Functions;

public sealed class UserFunctions(UserHandlers handlers, SmsLoginHandlers sms)
{
    [Function(ApiRoutes.Names.Signup)]
    public Task<IResult> Signup([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Signup)] HttpRequest request) =>
        handlers.SignupAsync(request);

    [Function(ApiRoutes.Names.Login)]
    public Task<IResult> Login([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Login)] HttpRequest request) =>
        handlers.LoginAsync(request);

    [Function(ApiRoutes.Names.SendSmsCode)]
    public Task<IResult> SendSmsCode([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.SendSmsCode)] HttpRequest request) =>
        sms.SendCodeAsync(request);

    [Function(ApiRoutes.Names.LoginSms)]
    public Task<IResult> LoginSms([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.LoginSms)] HttpRequest request) =>
        sms.LoginAsync(request);

    [Function(ApiRoutes.Names.RefreshToken)]
    public Task<IResult> RefreshToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.RefreshToken)] HttpRequest request) =>
        handlers.RefreshTokenAsync(request);

    [Function(ApiRoutes.Names.Logout)]
    public Task<IResult> Logout([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Logout)] HttpRequest request) =>
        handlers.LogoutAsync(request);

    [Function(ApiRoutes.Names.Profile)]
    public Task<IResult> Profile([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Profile)] HttpRequest request) =>
        handlers.ProfileAsync(request);

    [Function(ApiRoutes.Names.EditProfile)]
    public Task<IResult> Edit([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.EditProfile)] HttpRequest request) =>
        handlers.EditAsync(request);
}
