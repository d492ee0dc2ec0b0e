using NCrontab;

namespace Webook.Server;

/// <summary>
/// Runs a core job on an NCRONTAB schedule with seconds, the format of the Functions timer trigger, so one
/// schedule string serves both hosts. A failed run is logged and the next one still happens.
/// </summary>
public sealed class ScheduledJob(string name, string schedule, Func<IServiceProvider, CancellationToken, Task> run,
    IServiceProvider services, TimeProvider time, ILogger<ScheduledJob> logger) : BackgroundService
{
    private readonly CrontabSchedule _schedule = CrontabSchedule.Parse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow().UtcDateTime;
            await Task.Delay(_schedule.GetNextOccurrence(now) - now, time, stoppingToken);
            try
            {
                await run(services, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Scheduled job {Job} failed", name);
            }
        }
    }
}
