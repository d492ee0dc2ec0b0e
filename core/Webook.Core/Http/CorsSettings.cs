using Microsoft.AspNetCore.Cors.Infrastructure;
using Webook.Core.Auth;

namespace Webook.Core.Http;

/// <summary>CORS of api.md: configured origins, credentials allowed, the token headers exposed.</summary>
public sealed class CorsSettings
{
    public const string Section = "Cors";
    public const string DevelopmentOrigin = "http://localhost:3000";

    /// <summary>Allowed origins; when none are configured, the development web client's origin.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    private string[] EffectiveOrigins => AllowedOrigins.Length > 0 ? AllowedOrigins : [DevelopmentOrigin];

    public bool Allows(string origin) => EffectiveOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase);

    public void Apply(CorsPolicyBuilder policy) => policy
        .WithOrigins(EffectiveOrigins)
        .AllowCredentials()
        .AllowAnyHeader()
        .AllowAnyMethod()
        .WithExposedHeaders(Authenticator.AccessTokenHeader, Authenticator.RefreshTokenHeader);
}
