using Webook.TestSupport;

namespace Webook.EndToEndTests;

public sealed record LoggedInUser(string Email, string Password, string AccessToken, string RefreshToken);

/// <summary>Steps of the account flow that many tests start from.</summary>
public static class Accounts
{
    public const string Password = "hello#world123";

    public static string NewEmail() => $"{Guid.NewGuid():N}@example.com";

    public static Task<ApiResponse> SignupAsync(HttpClient client, string email, string password = Password) =>
        client.PostApiAsync("/users/signup", new { email, password, confirmPassword = password });

    public static Task<ApiResponse> LoginAsync(HttpClient client, string email, string password = Password) =>
        client.PostApiAsync("/users/login", new { email, password });

    public static async Task<LoggedInUser> SignupAndLoginAsync(HttpClient client)
    {
        var email = NewEmail();
        var signup = await SignupAsync(client, email);
        Assert.Equal(0, signup.Code);
        var login = await LoginAsync(client, email);
        Assert.Equal(0, login.Code);
        return new LoggedInUser(email, Password, login.Header("x-jwt-token")!, login.Header("x-refresh-token")!);
    }
}
