using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Webook.Core.Accounts;

namespace Webook.Benchmarks;

/// <summary>The cost of one login's password check at the configured PBKDF2 iteration counts.</summary>
public class PasswordBenchmarks
{
    [Params(1_000, 100_000)]
    public int Iterations { get; set; }

    private PasswordHasher<User> _hasher = null!;
    private string _hash = "";
    private readonly User _user = new();

    [GlobalSetup]
    public void Setup()
    {
        _hasher = new PasswordHasher<User>(Options.Create(new PasswordHasherOptions { IterationCount = Iterations }));
        _hash = _hasher.HashPassword(_user, "hello#world1");
    }

    [Benchmark]
    public PasswordVerificationResult Verify() => _hasher.VerifyHashedPassword(_user, _hash, "hello#world1");
}
