using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace Webook.Core.Storage.Redis;

/// <summary>
/// A Lua script run by its SHA1 (EVALSHA); when the server does not know it yet (first use, restart,
/// SCRIPT FLUSH) it is sent once in full with EVAL, which also caches it on the server.
/// </summary>
public sealed class RedisScript(string source)
{
    private readonly byte[] _sha1 = SHA1.HashData(Encoding.UTF8.GetBytes(source));

    public string Source { get; } = source;

    public async Task<RedisResult> EvaluateAsync(IDatabaseAsync database, RedisKey[] keys, RedisValue[] args)
    {
        try
        {
            return await database.ScriptEvaluateAsync(_sha1, keys, args);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            return await database.ScriptEvaluateAsync(Source, keys, args);
        }
    }
}
