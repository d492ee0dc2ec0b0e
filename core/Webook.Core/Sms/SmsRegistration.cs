using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Webook.Core.Common;
using Webook.Core.Sms.Governance;
using Webook.Core.Sms.Outbox;
using Webook.Core.Sms.Providers;
using Webook.Core.Sms.Storage;

namespace Webook.Core.Sms;

/// <summary>
/// Composes the senders by configuration: the outbox over the failover sender (rate limit, failover,
/// a health judge per provider) over the providers; the retry job sends through the part inside the outbox.
/// </summary>
public static class SmsRegistration
{
    /// <summary>The key of the sender without the outbox (the failover sender): what the retry job sends through.</summary>
    public const string WithoutOutbox = "sms:without-outbox";

    private static readonly string[] KnownProviders = ["logging", "acs"];

    public static void AddSms(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmsOptions>().Bind(configuration.GetSection(SmsOptions.Section)).ValidateSettings(SmsOptions.Section)
            .Validate(o => o.EffectiveProviders.All(KnownProviders.Contains), $"Sms:Providers may name only: {string.Join(", ", KnownProviders)}.")
            .Validate<IHostEnvironment>((o, env) => !(env.IsProduction() && o.EffectiveProviders.Contains("logging")),
                "The logging SMS provider prints codes and cannot run in Production: set Sms:Providers.")
            .Validate<IOptions<AcsSmsOptions>>((o, acs) => !o.EffectiveProviders.Contains("acs")
                                                         || (acs.Value.ConnectionString.Length > 0 && acs.Value.From.Length > 0),
                "The acs SMS provider needs Sms:Acs:ConnectionString and Sms:Acs:From.")
            .ValidateOnStart();
        services.AddWebookOptions<SmsCodeOptions>(configuration, SmsCodeOptions.Section);
        services.AddWebookOptions<SmsSendLimitOptions>(configuration, SmsSendLimitOptions.Section);
        services.AddWebookOptions<ProviderHealthOptions>(configuration, ProviderHealthOptions.Section);
        services.AddWebookOptions<SmsRetryOptions>(configuration, SmsRetryOptions.Section);
        services.AddWebookOptions<RateLimitOptions>(configuration, RateLimitOptions.Section);
        services.AddWebookOptions<AcsSmsOptions>(configuration, AcsSmsOptions.Section);

        services.AddSingleton<ISmsCodeStore, RedisSmsCodeStore>();
        services.AddSingleton<LoggingSmsSender>();
        services.AddSingleton<AcsSmsSender>();
        services.AddKeyedSingleton(WithoutOutbox, (sp, _) => Governed(sp));
        services.AddSingleton<ISmsOutbox, TableSmsOutbox>();
        services.AddSingleton<ISmsSender>(sp => new OutboxSmsSender(
            sp.GetRequiredKeyedService<ISmsSender>(WithoutOutbox), sp.GetRequiredService<ISmsOutbox>(), sp.GetRequiredService<SmsMetrics>(),
            sp.GetRequiredService<ILogger<OutboxSmsSender>>()));
        services.AddSingleton<SmsCodeService>();
        services.AddSingleton<SmsMetrics>();
        services.AddSingleton<SmsRetryJob>();
    }

    private static ISmsSender Governed(IServiceProvider sp) => new FailoverSmsSender(
        sp.GetRequiredService<IOptions<SmsOptions>>().Value.EffectiveProviders.Select(name => Provider(sp, name)),
        sp.GetRequiredService<ISlidingWindowLimiter>(), sp.GetRequiredService<IOptions<RateLimitOptions>>(),
        sp.GetRequiredService<IOptions<ProviderHealthOptions>>().Value, sp.GetRequiredService<TimeProvider>(),
        sp.GetRequiredService<SmsMetrics>(), sp.GetRequiredService<ILogger<FailoverSmsSender>>());

    private static ISmsSender Provider(IServiceProvider sp, string name) => name switch
    {
        "logging" => sp.GetRequiredService<LoggingSmsSender>(),
        "acs" => sp.GetRequiredService<AcsSmsSender>(),
        _ => throw new InvalidOperationException($"Unknown SMS provider '{name}'."),
    };
}
