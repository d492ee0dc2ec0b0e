using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Webook.Core.Auth;

namespace Webook.Benchmarks;

/// <summary>Every authenticated request validates one token; every login issues two.</summary>
[MemoryDiagnoser]
public class TokenBenchmarks
{
    private readonly TokenService _tokens = new(Options.Create(new AuthOptions
    {
        AccessTokenKey = new string('a', 64),
        RefreshTokenKey = new string('r', 64),
    }), TimeProvider.System);
    private readonly UserSession _session = new(123456789, "0123456789abcdef0123456789abcdef");
    private const string UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";
    private string _token = "";

    [GlobalSetup]
    public void Setup() => _token = _tokens.Issue(TokenKind.Access, _session, UserAgent);

    [Benchmark]
    public string Issue() => _tokens.Issue(TokenKind.Access, _session, UserAgent);

    [Benchmark]
    public Task<ValidToken?> Validate() => _tokens.ValidateAsync(TokenKind.Access, _token, UserAgent);
}
