using Microsoft.Extensions.Options;
using Webook.Core.Ranking;

namespace Webook.Server;

/// <summary>Publishes this instance's load every HotList:LoadReportInterval; at shutdown frees the hot-list lease if held.</summary>
public sealed class LoadReportService(LeasedHotListRunner runner, IOptions<HotListOptions> options, TimeProvider time,
    ILogger<LoadReportService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await runner.ReportLoadAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Could not report this instance's load ({Reason})", e.Message);
            }
            await Task.Delay(options.Value.LoadReportInterval, time, stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await runner.StepDownAsync(cancellationToken);
        }
        catch (Exception e)
        {
            logger.LogWarning("Could not free the hot-list lease at shutdown ({Reason})", e.Message);
        }
    }
}
