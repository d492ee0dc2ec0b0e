using System.ComponentModel.DataAnnotations;

namespace Webook.Core.Storage.Redis;

public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>StackExchange.Redis configuration string (host:port,password=...,ssl=...).</summary>
    [Required]
    public string ConnectionString { get; set; } = "127.0.0.1:6379";

    /// <summary>Prefix of every key the app writes, so several deployments or test runs can share one server.</summary>
    public string KeyPrefix { get; set; } = "webook:";

    /// <summary>How long one attempt to connect may take.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one command may take before it fails (the client's sync and async timeouts).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a cache read or invalidation may wait before the request goes on without the cache; far
    /// shorter than <see cref="OperationTimeout"/>, so a frozen Redis slows readers by this much, not more.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan CacheTimeout { get; set; } = TimeSpan.FromMilliseconds(500);
}
