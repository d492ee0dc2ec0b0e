namespace Webook.Core.Common;

/// <summary>A setting the app cannot start without; <see cref="StartupFailure"/> reports it in one line naming the setting.</summary>
public sealed class MissingSettingException(string setting, string reason) : InvalidOperationException($"{setting}: {reason}")
{
    public string Setting { get; } = setting;
}
