using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>One Webook.Server per test class, against the shared test Azurite and Redis.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RunningServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
