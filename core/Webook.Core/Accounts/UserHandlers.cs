using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Webook.Core.Auth;
using Webook.Core.Http;

namespace Webook.Core.Accounts;

/// <summary>The /users endpoints: parse, validate, authenticate, call the service, answer in the envelope.</summary>
public sealed class UserHandlers(
    UserService users, Authenticator auth, HandlerGuard guard, IOptions<HttpOptions> http, TimeProvider time)
{
    private const string WrongCredentials = "Wrong email or password.";

    private long MaxBody => http.Value.MaxRequestBodyBytes;

    public Task<IResult> SignupAsync(HttpRequest request) => guard.RunAsync(request, "signup", async ct =>
    {
        var (body, error) = await JsonBody.ReadAsync<SignupRequest>(request, MaxBody);
        if (body is null) return error!;
        var problem = AccountFieldRules.CheckEmail(body.Email) ?? AccountFieldRules.CheckPassword(body.Password);
        if (problem is not null) return ApiResults.Refused(problem);
        if ((body.ConfirmPassword ?? body.ConfirmPasswordSnakeCase) != body.Password)
            return ApiResults.Refused("The two passwords do not match.");

        var user = await users.SignupAsync(body.Email!, body.Password!, ct);
        return user is null ? ApiResults.Refused("This email is already registered.") : ApiResults.Ok();
    });

    public Task<IResult> LoginAsync(HttpRequest request) => guard.RunAsync(request, "login", async ct =>
    {
        var (body, error) = await JsonBody.ReadAsync<LoginRequest>(request, MaxBody);
        if (body is null) return error!;
        if (string.IsNullOrEmpty(body.Email) || string.IsNullOrEmpty(body.Password))
            return ApiResults.Refused("Email and password are required.");
        // No account has a malformed email; such text is never looked up (it cannot be a table key).
        if (AccountFieldRules.CheckEmail(body.Email) is not null) return ApiResults.Refused(WrongCredentials);

        var login = await users.LoginAsync(body.Email, body.Password, ClientAddress.Of(request, http.Value), ct);
        if (login.Throttled) return ApiResults.Refused("Too many failed logins; please try again later.");
        if (login.User is null) return ApiResults.Refused(WrongCredentials);
        await auth.StartSessionAsync(request, login.User.Id, ct);
        return ApiResults.Ok();
    });

    public Task<IResult> RefreshTokenAsync(HttpRequest request) => guard.RunAsync(request, "refresh_token", async ct =>
        await auth.RefreshAsync(request, ct) ? ApiResults.Ok() : ApiResults.Unauthorized());

    public Task<IResult> LogoutAsync(HttpRequest request) => guard.RunAsync(request, "logout", async ct =>
    {
        var session = await auth.AuthenticateAsync(request, TokenKind.Access, ct);
        if (session is null) return ApiResults.Unauthorized();
        await auth.RevokeAsync(session, ct);
        return ApiResults.Ok();
    });

    public Task<IResult> ProfileAsync(HttpRequest request) => guard.RunAsync(request, "profile", async ct =>
    {
        // The profile is read while the session is checked: one wait instead of two.
        if (await auth.AuthenticateWhileReadingAsync(request, TokenKind.Access, users.ProfileAsync, ct) is not var (_, user))
            return ApiResults.Unauthorized();
        return user is null ? ApiResults.Refused("User not found.") : ApiResults.Ok(ProfileView.Of(user));
    });

    public Task<IResult> EditAsync(HttpRequest request) => guard.RunAsync(request, "edit profile", async ct =>
    {
        var session = await auth.AuthenticateAsync(request, TokenKind.Access, ct);
        if (session is null) return ApiResults.Unauthorized();
        var (body, error) = await JsonBody.ReadAsync<EditProfileRequest>(request, MaxBody);
        if (body is null) return error!;

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var birthdayProblem = AccountFieldRules.CheckBirthday(body.Birthday, today, out var birthday);
        var problem = AccountFieldRules.CheckNickname(body.Nickname) ?? birthdayProblem ?? AccountFieldRules.CheckAboutMe(body.AboutMe);
        if (problem is not null) return ApiResults.Refused(problem);

        var edit = new ProfileEdit(body.Nickname!, birthday, body.AboutMe ?? "");
        return await users.EditProfileAsync(session.UserId, edit, ct)
            ? ApiResults.Ok()
            : ApiResults.Refused("User not found.");
    });
}
