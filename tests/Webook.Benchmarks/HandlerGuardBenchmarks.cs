using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Webook.Core.Http;

namespace Webook.Benchmarks;

/// <summary>
/// What every request pays in <see cref="HandlerGuard"/> and <see cref="RequestMetrics"/> before and after its
/// handler: the guard around a handler that answers at once and one that yields once (which adds the WaitAsync
/// promise and the async state machines), with the request log off and on (a logger that is enabled but writes
/// nothing, so only the call's own cost shows), and its parts alone: the per-request deadline next to a pooled
/// one (a row marked "alternative": not in the app, for comparison), the request metric, and the request log call
/// as it was before it was source-generated (781e591), for comparison. A meter listener takes every measurement,
/// as Webook.Server's /metrics does.
/// </summary>
[MemoryDiagnoser]
public partial class HandlerGuardBenchmarks
{
    private static readonly IResult Answer = ApiResults.Ok(new { id = 1 });
    private static readonly Task<IResult> Answered = Task.FromResult(Answer);
    private static readonly Func<CancellationToken, Task<IResult>> AtOnce = _ => Answered;
    private static readonly Func<CancellationToken, Task<IResult>> AfterAYield = async _ =>
    {
        await Task.Yield();
        return Answer;
    };
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _connection = new();
    private readonly DefaultHttpContext _context = new();
    private readonly MeterListener _listener = new();
    private HandlerGuard _logOff = null!;
    private HandlerGuard _logOn = null!;
    private RequestMetrics _metrics = null!;
    private ILogger _enabled = null!;
    private CancellationTokenSource _pooled = new();

    [GlobalSetup]
    public void Setup()
    {
        // Kestrel gives every request a cancellable RequestAborted.
        _context.RequestAborted = _connection.Token;
        _context.Request.Method = "GET";
        _context.Request.Path = "/users/profile";
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        _metrics = new RequestMetrics(meters);
        var options = Options.Create(new HttpOptions { RequestTimeout = Deadline });
        _logOff = new HandlerGuard(options, NullLoggerFactory.Instance, _metrics);
        _logOn = new HandlerGuard(options, new EnabledLoggers(), _metrics);
        _enabled = new EnabledLoggers().CreateLogger(HandlerGuard.RequestLogCategory);
        // Webook.Server always listens to its meters (/metrics); the listener here takes each measurement and drops it.
        _listener.InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument);
        _listener.SetMeasurementEventCallback<long>(static (_, _, _, _) => { });
        _listener.Start();
    }

    [GlobalCleanup]
    public void Cleanup() => _listener.Dispose();

    [Benchmark(Description = "guard, handler answers at once, log off")]
    public Task<IResult> GuardAtOnce() => _logOff.RunAsync(_context.Request, "profile", AtOnce);

    [Benchmark(Description = "guard, handler answers at once, log on")]
    public Task<IResult> GuardAtOnceLogged() => _logOn.RunAsync(_context.Request, "profile", AtOnce);

    [Benchmark(Description = "guard, handler yields once, log off")]
    public Task<IResult> GuardYields() => _logOff.RunAsync(_context.Request, "profile", AfterAYield);

    [Benchmark(Description = "the handler that yields once, alone (to subtract)")]
    public Task<IResult> HandlerYields() => AfterAYield(default);

    [Benchmark(Description = "part: linked CTS, CancelAfter, Dispose")]
    public bool LinkedDeadline()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_connection.Token);
        deadline.CancelAfter(Deadline);
        return deadline.IsCancellationRequested;
    }

    [Benchmark(Description = "alternative: one pooled CTS, CancelAfter, registered on RequestAborted, TryReset")]
    public bool PooledDeadline()
    {
        var deadline = _pooled;
        deadline.CancelAfter(Deadline);
        using (_connection.Token.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), deadline))
        {
        }
        var cancelled = deadline.IsCancellationRequested;
        if (!deadline.TryReset()) _pooled = new CancellationTokenSource();
        return cancelled;
    }

    [Benchmark(Description = "part: RequestMetrics.Answered")]
    public void Metric() => _metrics.Answered("profile", 200, 0);

    [Benchmark(Description = "before 781e591: the request log call as LogInformation with 8 arguments")]
    public void Log() => _enabled.LogInformation(
        "{Operation} {Method} {Route} answered {Status} code {Code} for user {UserId} in {ElapsedMs:F1} ms, trace {TraceId}",
        "profile", "GET", "/users/profile", 200, (int?)0, (long?)123456789, 0.42, (string?)null);

    [Benchmark(Description = "part: the same line, [LoggerMessage] source-generated as HandlerGuard has it now")]
    public void LogGenerated() => RequestAnswered(_enabled, "profile", "GET", "/users/profile", 200, 0, 123456789, 0.42, null);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Operation} {Method} {Route} answered {Status} code {Code} for user {UserId} in {ElapsedMs:F1} ms, trace {TraceId}")]
    private static partial void RequestAnswered(ILogger logger, string operation, string method, string? route, int status, int? code,
        long? userId, double elapsedMs, string? traceId);

    /// <summary>Loggers that are enabled at every level and write nothing: the call site's cost without a sink's.</summary>
    private sealed class EnabledLoggers : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => Logger.Instance;
        public void AddProvider(ILoggerProvider provider) { }
        public void Dispose() { }

        private sealed class Logger : ILogger
        {
            public static readonly Logger Instance = new();
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) { }
        }
    }
}
