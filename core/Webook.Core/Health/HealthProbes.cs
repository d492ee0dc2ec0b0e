namespace Webook.Core.Health;

/// <summary>
/// Liveness and readiness the way platforms probe them (ASP.NET Core health checks: plain text, 200 or 503),
/// beside /healthz's report in the envelope. Liveness runs no check: the process answers. Readiness runs the
/// checks tagged <see cref="ReadyTag"/>: the stores without which an instance cannot serve (tables, blobs,
/// Redis), not the broker, whose absence only delays read counts (docs/observability.md).
/// </summary>
public static class HealthProbes
{
    public const string LivePath = "/healthz/live";
    public const string ReadyPath = "/healthz/ready";
    public const string ReadyTag = "ready";
}
