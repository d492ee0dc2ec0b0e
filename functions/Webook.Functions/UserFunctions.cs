using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Webook.Core.Accounts;
using Webook.Core.Http;

namespace Webook.Functions;

public sealed class UserFunctions
{
    [Function(ApiRoutes.Names.Signup)]
    public Task<IResult> Signup([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Signup)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(ApiRoutes.Names.Signup, request);

    [Function(ApiRoutes.Names.Login)]
    public Task<IResult> Login([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Login)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(ApiRoutes.Names.Login, request);

    [Function(ApiRoutes.Names.SendSmsCode)]
    public Task<IResult> SendSmsCode([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.SendSmsCode)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(ApiRoutes.Names.SendSmsCode, request);

    [Function(ApiRoutes.Names.LoginSms)]
    public Task<IResult> LoginSms([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.LoginSms)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(ApiRoutes.Names.LoginSms, request);

    [Function(ApiRoutes.Names.RefreshToken)]
    public Task<IResult> RefreshToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.RefreshToken)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(ApiRoutes.Names.RefreshToken, request);

    [Function(ApiRoutes.Names.Logout)]
    public Task<IResult> Logout([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.Logout)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(ApiRoutes.Names.Logout, request);

    [Function(ApiRoutes.Names.Profile)]
    public Task<IResult> Profile([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.Profile)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(ApiRoutes.Names.Profile, request);

    [Function(ApiRoutes.Names.EditProfile)]
    public Task<IResult> Edit([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.EditProfile)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(ApiRoutes.Names.EditProfile, request);
}
