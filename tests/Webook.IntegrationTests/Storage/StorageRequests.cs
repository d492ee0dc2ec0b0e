using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;

namespace Webook.IntegrationTests.Storage;

/// <summary>
/// Counts the calls the app's table and blob clients make (a call the SDK retries counts once, so a slow moment
/// does not change the count), through a policy added to the clients AddWebookCore registers: what one store
/// call costs in requests to the storage service. <see cref="InWavesAsync{T}"/> also checks which of them are
/// sent together. Requests <c>apart</c> picks are passed through untouched: neither counted nor held.
/// </summary>
public sealed class StorageRequests
{
    private readonly Counter _tables;
    private readonly Counter _blobs;
    private readonly Func<HttpMessage, bool>? _apart;
    private Waves? _waves;
    private Gate? _gate;

    public StorageRequests(Func<HttpMessage, bool>? apart = null) => (_tables, _blobs, _apart) = (new Counter(this), new Counter(this), apart);

    /// <summary>The outbox relays' deletes (rows "outbox-..."), which a store sends after its call has its answer.</summary>
    public static bool OutboxRelay(HttpMessage message) =>
        message.Request.Method == RequestMethod.Delete && message.Request.Uri.Path.Contains("outbox-", StringComparison.Ordinal);

    public int Tables => _tables.Count;
    public int Blobs => _blobs.Count;

    /// <summary>Adds the counters to the storage clients of <paramref name="services"/> (call after AddWebookCore).</summary>
    public IServiceCollection AddTo(IServiceCollection services)
    {
        services.AddAzureClients(azure => azure.ConfigureDefaults(options =>
            options.AddPolicy(options is TableClientOptions ? _tables : _blobs, HttpPipelinePosition.PerCall)));
        return services;
    }

    /// <summary>The table and blob requests <paramref name="call"/> sends, and its answer.</summary>
    public async Task<(int Tables, int Blobs, T Result)> OfAsync<T>(Func<Task<T>> call)
    {
        var (tables, blobs) = (Tables, Blobs);
        var result = await call();
        return (Tables - tables, Blobs - blobs, result);
    }

    /// <summary>
    /// Runs <paramref name="call"/> holding its requests back in waves of the given sizes: a wave is sent once all
    /// its requests have arrived, so a request that the code sends only after an earlier one of its wave answered
    /// never arrives in time, and that earlier one fails after <paramref name="patience"/>. Whether requests overlap
    /// is then a property of the code, not of how fast the storage service answered. Fails too when the call
    /// sends more or fewer requests than the waves hold.
    /// </summary>
    public async Task<T> InWavesAsync<T>(int[] sizes, Func<Task<T>> call, TimeSpan? patience = null)
    {
        var waves = new Waves(sizes, patience ?? TimeSpan.FromSeconds(10));
        _waves = waves;
        try
        {
            var result = await call();
            waves.ThrowIfBroken();
            return result;
        }
        finally
        {
            _waves = null;
        }
    }

    /// <summary>
    /// Holds every request sent from now on (or those <paramref name="only"/> picks) until <see cref="Gate.Open"/>: what
    /// a caller does while its storage call is in flight, however fast the storage service would have answered.
    /// </summary>
    public Gate Hold(Func<HttpMessage, bool>? only = null) => _gate = new Gate(this, only);

    public sealed class Gate(StorageRequests owner, Func<HttpMessage, bool>? only)
    {
        internal bool Holds(HttpMessage message) => only?.Invoke(message) ?? true;

        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly SemaphoreSlim _arrived = new(0);

        /// <summary>Waits until <paramref name="count"/> more requests are held.</summary>
        public async Task HoldingAsync(int count = 1)
        {
            for (var i = 0; i < count; i++)
                if (!await _arrived.WaitAsync(TimeSpan.FromSeconds(30))) throw new TimeoutException($"{i} of {count} requests reached the gate in 30 s");
        }

        public void Open()
        {
            if (owner._gate == this) owner._gate = null;
            _open.TrySetResult();
        }

        internal Task PassAsync()
        {
            _arrived.Release();
            return _open.Task;
        }
    }

    private sealed class Waves(int[] sizes, TimeSpan patience)
    {
        private readonly Lock _sync = new();
        private readonly List<string> _sent = [];
        private int _wave;
        private int _arrived;
        private TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private string? _broken;

        public async Task JoinAsync(HttpMessage message)
        {
            var name = $"{message.Request.Method} {message.Request.Uri.Path}";
            Task open;
            int wave;
            lock (_sync)
            {
                _sent.Add(name);
                wave = _wave;
                if (wave == sizes.Length) throw Break($"{name} is one request more than the waves [{string.Join(", ", sizes)}] hold");
                open = _open.Task;
                if (++_arrived == sizes[wave])
                {
                    (_wave, _arrived) = (wave + 1, 0);
                    var full = _open;
                    _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    full.SetResult();
                }
            }
            try
            {
                await open.WaitAsync(patience);
            }
            catch (TimeoutException)
            {
                lock (_sync) throw Break($"{name} waited {patience} for the rest of wave {wave + 1} of [{string.Join(", ", sizes)}]: they were not sent with it");
            }
        }

        public void ThrowIfBroken()
        {
            lock (_sync)
            {
                if (_broken is null && _wave < sizes.Length) Break($"the call ended after {_wave} of the waves [{string.Join(", ", sizes)}]");
                if (_broken is not null) throw new InvalidOperationException(_broken);
            }
        }

        private InvalidOperationException Break(string why)
        {
            _broken ??= $"{why}; sent: {string.Join("; ", _sent)}";
            return new InvalidOperationException(_broken);
        }
    }

    private sealed class Counter(StorageRequests owner) : HttpPipelinePolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (owner._apart?.Invoke(message) == true)
            {
                await ProcessNextAsync(message, pipeline);
                return;
            }
            Interlocked.Increment(ref _count);
            if (owner._waves is { } waves) await waves.JoinAsync(message);
            if (owner._gate is { } gate && gate.Holds(message)) await gate.PassAsync();
            await ProcessNextAsync(message, pipeline);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (owner._apart?.Invoke(message) == true)
            {
                ProcessNext(message, pipeline);
                return;
            }
            Interlocked.Increment(ref _count);
            if (owner._waves is not null || owner._gate is not null) throw new InvalidOperationException("a synchronous storage call while requests are held");
            ProcessNext(message, pipeline);
        }
    }
}
