namespace Webook.Core.Storage.Kafka;

/// <summary>One of Webook.Server's consumer loops (the Function App runs the same batch handlers from its Kafka triggers).</summary>
public interface IEventConsumerLoop
{
    /// <summary>What it does, for the logs.</summary>
    string Name { get; }

    /// <summary>False: this process does not run it (its ConsumerEnabled setting).</summary>
    bool Enabled { get; }

    /// <summary>The pause before a loop that died starts again.</summary>
    TimeSpan RetryDelay { get; }

    Task RunAsync(CancellationToken stop);
}
