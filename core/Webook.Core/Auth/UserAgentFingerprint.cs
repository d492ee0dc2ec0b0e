using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Webook.Core.Auth;

/// <summary>A token is bound to the User-Agent it was issued to; the token carries only a hash of it.</summary>
public static class UserAgentFingerprint
{
    public static string Of(string? userAgent) =>
        WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes(userAgent ?? "")));
}
