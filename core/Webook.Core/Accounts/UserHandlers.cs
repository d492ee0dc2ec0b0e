using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Webook.Core.Auth;
using Webook.Core.Http;

namespace Webook.Core.Accounts;

/// <summary>The /users rules (routes in <see cref="AccountRoutes"/>): validate, call the service, answer in the envelope.</summary>
public sealed class UserHandlers(UserService users, UserProfiles profiles, Authenticator auth, IOptions<HttpOptions> http, TimeProvider time)
{
    private const string WrongCredentials = "Wrong email or password.";

    public async Task<IResult> SignupAsync(RouteCall<SignupRequest> call)
    {
        var body = call.Body;
        var problem = AccountFieldRules.CheckEmail(body.Email) ?? AccountFieldRules.CheckPassword(body.Password);
        if (problem is not null) return ApiResults.Refused(problem);
        if ((body.ConfirmPassword ?? body.ConfirmPasswordSnakeCase) != body.Password)
            return ApiResults.Refused("The two passwords do not match.");

        var user = await users.SignupAsync(body.Email!, body.Password!, call.Ct);
        return user is null ? ApiResults.Refused("This email is already registered.") : ApiResults.Ok();
    }

    public async Task<IResult> LoginAsync(RouteCall<LoginRequest> call)
    {
        var body = call.Body;
        if (string.IsNullOrEmpty(body.Email) || string.IsNullOrEmpty(body.Password))
            return ApiResults.Refused("Email and password are required.");
        // No account has a malformed email; such text is never looked up (it cannot be a table key).
        if (AccountFieldRules.CheckEmail(body.Email) is not null) return ApiResults.Refused(WrongCredentials);

        var login = await users.LoginAsync(body.Email, body.Password, ClientAddress.Of(call.Request, http.Value), call.Ct);
        if (login.Throttled) return ApiResults.Refused("Too many failed logins; please try again later.");
        if (login.User is null) return ApiResults.Refused(WrongCredentials);
        await auth.StartSessionAsync(call.Request, login.User.Id, call.Ct);
        return ApiResults.Ok();
    }

    // The refresh token's check is the rule itself: RefreshAsync validates and rotates it in one step.
    public async Task<IResult> RefreshTokenAsync(RouteCall<NoBody> call) =>
        await auth.RefreshAsync(call.Request, call.Ct) ? ApiResults.Ok() : ApiResults.Unauthorized();

    public async Task<IResult> LogoutAsync(RouteCall<NoBody> call)
    {
        await auth.RevokeAsync(call.User, call.Ct);
        return ApiResults.Ok();
    }

    public async Task<IResult> ProfileAsync(RouteCall<NoBody> call)
    {
        // The profile is read while the session is checked: one wait instead of two.
        if (await auth.AuthenticateWhileReadingAsync(call.Request, TokenKind.Access, profiles.FindByIdAsync, call.Ct) is not var (_, user))
            return ApiResults.Unauthorized();
        return user is null ? ApiResults.Refused("User not found.") : ApiResults.Ok(ProfileView.Of(user));
    }

    public async Task<IResult> EditAsync(RouteCall<EditProfileRequest> call)
    {
        var body = call.Body;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var birthdayProblem = AccountFieldRules.CheckBirthday(body.Birthday, today, out var birthday);
        var problem = AccountFieldRules.CheckNickname(body.Nickname) ?? birthdayProblem ?? AccountFieldRules.CheckAboutMe(body.AboutMe);
        if (problem is not null) return ApiResults.Refused(problem);

        var edit = new ProfileEdit(body.Nickname!, birthday, body.AboutMe ?? "");
        return await profiles.UpdateAsync(call.User.UserId, edit, call.Ct)
            ? ApiResults.Ok()
            : ApiResults.Refused("User not found.");
    }
}
