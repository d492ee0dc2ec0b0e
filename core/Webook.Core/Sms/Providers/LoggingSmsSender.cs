using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Webook.Core.Sms.Providers;

/// <summary>
/// Development provider: writes the phone and the whole message, code included, to the log so a developer
/// can log in by SMS locally. It refuses to exist in Production.
/// </summary>
public sealed class LoggingSmsSender : ISmsSender
{
    private readonly ILogger<LoggingSmsSender> _logger;

    public LoggingSmsSender(ILogger<LoggingSmsSender> logger, IHostEnvironment environment)
    {
        if (environment.IsProduction())
            throw new InvalidOperationException("The logging SMS provider prints codes to the log and cannot run in Production; configure Sms:Providers.");
        _logger = logger;
    }

    public string Name => "logging";

    public Task SendAsync(SmsMessage message, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        _logger.LogInformation("SMS to {Phone}: {Text}", message.Phone, message.Text);
        return Task.CompletedTask;
    }
}
