using System.Text.Json.Serialization;

namespace Webook.Core.Accounts;

public sealed class SignupRequest
{
    public string? Email { get; set; }
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }

    [JsonPropertyName("confirm_password")]
    public string? ConfirmPasswordSnakeCase { get; set; }
}

public sealed class LoginRequest
{
    public string? Email { get; set; }
    public string? Password { get; set; }
}

public sealed class EditProfileRequest
{
    public string? Nickname { get; set; }
    public string? Birthday { get; set; }
    public string? AboutMe { get; set; }
}

public sealed record ProfileView(long Id, string Email, string Phone, string Nickname, string Birthday, string AboutMe, bool WechatBound)
{
    public static ProfileView Of(User user) => new(
        user.Id, user.Email ?? "", user.Phone ?? "", user.Nickname,
        user.Birthday?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "", user.AboutMe, user.WeChatBound);
}
