using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Webook.Core.Common;

/// <summary>
/// The data annotations of an options class, each failure naming the setting as configuration spells it
/// (<c>Auth:AccessTokenKey: The AccessTokenKey field is required.</c>), so a host that cannot start says which key to set.
/// </summary>
public sealed class SettingsValidator<T>(string? name, string section) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? optionsName, T options)
    {
        if (name is not null && name != optionsName) return ValidateOptionsResult.Skip;
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
            return ValidateOptionsResult.Success;
        return ValidateOptionsResult.Fail(results.Select(r =>
            $"{section}:{string.Join(",", r.MemberNames.DefaultIfEmpty("?"))}: {r.ErrorMessage}"));
    }
}

public static class SettingsValidation
{
    public static OptionsBuilder<T> ValidateSettings<T>(this OptionsBuilder<T> builder, string section) where T : class
    {
        builder.Services.AddSingleton<IValidateOptions<T>>(new SettingsValidator<T>(builder.Name, section));
        return builder;
    }
}
