using Microsoft.Extensions.Options;

namespace Webook.Core.Common;

/// <summary>
/// How both hosts stop when their configuration cannot work: one line on standard error naming the settings, exit
/// code 1, instead of a stack trace. Any other exception is not a configuration problem and is left to the host.
/// </summary>
public static class StartupFailure
{
    public static async Task<int> RunAsync(Func<Task> host, TextWriter? error = null)
    {
        try
        {
            await host();
            return 0;
        }
        catch (Exception e) when (Describe(e) is { } line)
        {
            (error ?? Console.Error).WriteLine(line);
            return 1;
        }
    }

    /// <summary>The one line for a configuration failure, or null for anything else.</summary>
    public static string? Describe(Exception e)
    {
        var failures = Flatten(e).SelectMany(Failures).ToList();
        return failures.Count == 0 ? null : "webook cannot start: " + string.Join(" ", failures.Distinct());
    }

    private static IEnumerable<string> Failures(Exception e) => e switch
    {
        OptionsValidationException options => options.Failures,
        MissingSettingException missing => [missing.Message],
        _ => [],
    };

    private static IEnumerable<Exception> Flatten(Exception e) => e switch
    {
        AggregateException many => many.InnerExceptions.SelectMany(Flatten),
        { InnerException: { } inner } => [e, .. Flatten(inner)],
        _ => [e],
    };
}
