using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Webook.Core.Accounts;
using Webook.Core.Http;
using Webook.Core;

namespace Webook.Functions;

public sealed class UserFunctions
{
    [Function(AccountRoutes.Names.Signup)]
    public Task<IResult> Signup([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AccountRoutes.Signup)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(AccountRoutes.Names.Signup, request);

    [Function(AccountRoutes.Names.Login)]
    public Task<IResult> Login([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AccountRoutes.Login)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(AccountRoutes.Names.Login, request);

    [Function(AccountRoutes.Names.SendSmsCode)]
    public Task<IResult> SendSmsCode([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AccountRoutes.SendSmsCode)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(AccountRoutes.Names.SendSmsCode, request);

    [Function(AccountRoutes.Names.LoginSms)]
    public Task<IResult> LoginSms([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AccountRoutes.LoginSms)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(AccountRoutes.Names.LoginSms, request);

    [Function(AccountRoutes.Names.RefreshToken)]
    public Task<IResult> RefreshToken([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AccountRoutes.RefreshToken)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(AccountRoutes.Names.RefreshToken, request);

    [Function(AccountRoutes.Names.Logout)]
    public Task<IResult> Logout([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AccountRoutes.Logout)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(AccountRoutes.Names.Logout, request);

    [Function(AccountRoutes.Names.Profile)]
    public Task<IResult> Profile([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AccountRoutes.Profile)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(AccountRoutes.Names.Profile, request);

    [Function(AccountRoutes.Names.EditProfile)]
    public Task<IResult> Edit([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AccountRoutes.EditProfile)] HttpRequest request) =>
        ApiRoutes.InvokeAsync(AccountRoutes.Names.EditProfile, request);
}
