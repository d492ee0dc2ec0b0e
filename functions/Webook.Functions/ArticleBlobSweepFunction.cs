using Microsoft.Azure.Functions.Worker;
using Webook.Core.Articles;
using Webook.Core.Articles.Storage;

namespace Webook.Functions;

public sealed class ArticleBlobSweepFunction(ArticleBlobSweep sweep)
{
    // The schedule is the app setting Articles__SweepSchedule; a timer function runs on one instance at a time.
    [Function(ArticleRoutes.Names.ArticleBlobSweep)]
    public async Task Run([TimerTrigger("%Articles:SweepSchedule%")] TimerInfo timer, CancellationToken ct) =>
        await sweep.RunAsync(ct);
}
