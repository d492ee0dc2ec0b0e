using Webook.Core.Http;

namespace Webook.Core.Accounts;

/// <summary>The /users routes: templates and function names are constants, so the Function App can use them in attributes.</summary>
public static class AccountRoutes
{
    public const string Signup = "users/signup";
    public const string Login = "users/login";
    public const string SendSmsCode = "users/login_sms/code/send";
    public const string LoginSms = "users/login_sms";
    public const string RefreshToken = "users/refresh_token";
    public const string Logout = "users/logout";
    public const string Profile = "users/profile";
    public const string EditProfile = "users/edit";

    public static readonly IReadOnlyList<ApiRoute> All =
    [
        ApiRoute.For<UserHandlers, SignupRequest>(Names.Signup, ApiRoute.Post, Signup, "signup", RouteAuth.None, (h, c) => h.SignupAsync(c)),
        ApiRoute.For<UserHandlers, LoginRequest>(Names.Login, ApiRoute.Post, Login, "login", RouteAuth.None, (h, c) => h.LoginAsync(c), issuesTokens: true),
        ApiRoute.For<SmsLoginHandlers, SendSmsCodeRequest>(Names.SendSmsCode, ApiRoute.Post, SendSmsCode, "send sms code", RouteAuth.None,
            (h, c) => h.SendCodeAsync(c)),
        ApiRoute.For<SmsLoginHandlers, SmsLoginRequest>(Names.LoginSms, ApiRoute.Post, LoginSms, "sms login", RouteAuth.None, (h, c) => h.LoginAsync(c),
            issuesTokens: true),
        ApiRoute.For<UserHandlers, NoBody>(Names.RefreshToken, ApiRoute.Post, RefreshToken, "refresh_token", RouteAuth.Refresh,
            (h, c) => h.RefreshTokenAsync(c), issuesTokens: true, handlerAuthenticates: true),
        ApiRoute.For<UserHandlers, NoBody>(Names.Logout, ApiRoute.Post, Logout, "logout", RouteAuth.Access, (h, c) => h.LogoutAsync(c)),
        ApiRoute.For<UserHandlers, NoBody>(Names.Profile, ApiRoute.Get, Profile, "profile", RouteAuth.Access, (h, c) => h.ProfileAsync(c),
            data: typeof(ProfileView), handlerAuthenticates: true),
        ApiRoute.For<UserHandlers, EditProfileRequest>(Names.EditProfile, ApiRoute.Post, EditProfile, "edit profile", RouteAuth.Access,
            (h, c) => h.EditAsync(c)),
    ];

    /// <summary>Function names, shared by both hosts (Webook.Server uses them as endpoint names).</summary>
    public static class Names
    {
        public const string Signup = "UsersSignup";
        public const string Login = "UsersLogin";
        public const string SendSmsCode = "UsersLoginSmsCodeSend";
        public const string LoginSms = "UsersLoginSms";
        public const string RefreshToken = "UsersRefreshToken";
        public const string Logout = "UsersLogout";
        public const string Profile = "UsersProfile";
        public const string EditProfile = "UsersEdit";
    }
}
