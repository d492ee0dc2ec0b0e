using Webook.Core;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Webook.UnitTests.Deployment;

/// <summary>
/// What the Bicep compiler cannot check: the Function App infra/ deploys gets every setting of
/// local.settings.sample.json, Azure's values override only settings that exist, nothing local survives,
/// and every secret is a Key Vault reference. Reads the ARM template `bicep build` makes of infra/main.bicep.
/// </summary>
public sealed class FunctionAppSettingsTests
{
    private static readonly string[] SecretSettings =
        ["Auth__AccessTokenKey", "Auth__RefreshTokenKey", "Redis__ConnectionString", "Kafka__SaslPassword", "Sms__Acs__ConnectionString", "WeChat__StateKey"];

    // Settings of the Functions host itself, which the sample does not hold: identity-based host storage, and
    // Entra ID sign-in for Application Insights.
    private static readonly Regex HostSetting = new("^(AzureWebJobsStorage__(blobServiceUri|queueServiceUri|tableServiceUri|credential|clientId)|APPLICATIONINSIGHTS_AUTHENTICATION_STRING)$");

    private static readonly Lazy<JsonElement> FunctionAppModule = new(() => CompiledInfra.Module("functionApp"));

    [Fact]
    public void The_app_settings_are_the_sample_overridden_by_azure_and_the_deployments_origins()
    {
        var settings = FunctionAppModule.Value.GetProperty("resources").GetProperty("app::settings");

        Assert.Equal("[union(variables('defaults'), variables('azureSettings'), variables('weChatSecretSettings'), variables('origins'))]",
            settings.GetProperty("properties").GetString());
        var embedded = FunctionAppModule.Value.GetProperty("variables").GetProperty("sampleSettings").GetString();
        Assert.Matches(@"^\[variables\('\$fxv#\d+'\)\]$", embedded);
    }

    [Fact]
    public void The_module_embeds_the_current_sample_and_drops_only_the_local_host_settings()
    {
        var variables = FunctionAppModule.Value.GetProperty("variables");
        var embedded = variables.EnumerateObject().Single(v => v.Name.StartsWith("$fxv#", StringComparison.Ordinal)).Value;

        Assert.Equal(Repository.SampleSettings().Select(s => s.Key), embedded.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["AzureWebJobsStorage", "FUNCTIONS_WORKER_RUNTIME"], variables.GetProperty("localOnly").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Azure_overrides_only_settings_the_app_reads_or_the_host_needs()
    {
        var sample = Repository.SampleSettings().Select(s => s.Key).ToHashSet();

        var unknown = AzureSettings().Keys.Where(key => !sample.Contains(key) && !HostSetting.IsMatch(key));

        Assert.Empty(unknown);
    }

    [Fact]
    public void No_local_default_reaches_azure()
    {
        var azure = AzureSettings();
        var local = Repository.SampleSettings()
            .Where(s => s.Value.Contains("127.0.0.1", StringComparison.Ordinal) || s.Value.Contains("localhost", StringComparison.Ordinal)
                        || s.Value.Contains("UseDevelopmentStorage", StringComparison.Ordinal) || s.Value == "logging")
            .Select(s => s.Key)
            .Where(key => key is not ("AzureWebJobsStorage" or "FUNCTIONS_WORKER_RUNTIME") && !key.StartsWith("Cors__AllowedOrigins__", StringComparison.Ordinal));

        Assert.DoesNotContain(local, key => !azure.ContainsKey(key));
        Assert.Equal("acs", azure["Sms__Providers__0"]);
    }

    [Fact]
    public void Every_secret_is_a_key_vault_reference()
    {
        var azure = AzureSettings();

        Assert.All(SecretSettings, key => Assert.StartsWith("[format('@{0}', format(variables('keyVaultReference'), parameters('vaultReferences').", azure[key]));
        Assert.Equal("Microsoft.KeyVault(SecretUri={0})", FunctionAppModule.Value.GetProperty("variables").GetProperty("keyVaultReference").GetString());
    }

    [Fact]
    public void Every_timer_schedule_setting_is_in_the_sample_and_reaches_the_function_app()
    {
        var embedded = FunctionAppModule.Value.GetProperty("variables").EnumerateObject()
            .Single(v => v.Name.StartsWith("$fxv#", StringComparison.Ordinal)).Value;
        var localOnly = FunctionAppModule.Value.GetProperty("variables").GetProperty("localOnly").EnumerateArray().Select(e => e.GetString());

        foreach (var job in Webook.Core.ApiRoutes.ScheduledJobs)
        {
            var key = job.ScheduleSetting.Replace(":", "__", StringComparison.Ordinal);
            Assert.Contains(key, Repository.SampleSettings().Select(s => s.Key));
            Assert.True(embedded.TryGetProperty(key, out _), $"{key} is not in the template's settings");
            Assert.DoesNotContain(key, localOnly);
        }
    }

    [Fact]
    public void The_wechat_app_secret_is_a_key_vault_reference_made_only_with_an_app_id()
    {
        var variables = FunctionAppModule.Value.GetProperty("variables");

        Assert.Equal("[tryGet(parameters('vaultReferences'), 'weChatAppSecret')]", variables.GetProperty("weChatAppSecret").GetString());
        Assert.Equal("[if(empty(variables('weChatAppSecret')), createObject(), createObject('WeChat__AppSecret', format('@{0}', format(variables('keyVaultReference'), variables('weChatAppSecret')))))]",
            variables.GetProperty("weChatSecretSettings").GetString());
        // Without an app id the vault gets no secret, since a reference to an empty secret would not resolve.
        Assert.Equal("[if(empty(parameters('weChatAppId')), createObject('value', ''), createObject('value', parameters('weChatAppSecret')))]",
            CompiledInfra.Main.GetProperty("resources").GetProperty("vault").GetProperty("properties").GetProperty("parameters").GetProperty("weChatAppSecret").GetString());
        var secret = CompiledInfra.Module("vault").GetProperty("resources").GetProperty("vault::weChatSecret");
        Assert.Equal("[not(empty(parameters('weChatAppSecret')))]", secret.GetProperty("condition").GetString());
        Assert.Equal("[parameters('weChatAppId')]", AzureSettings()["WeChat__AppId"]);
        Assert.Equal("[parameters('weChatRedirectUri')]", AzureSettings()["WeChat__RedirectUri"]);
    }

    private static Dictionary<string, string> AzureSettings() =>
        FunctionAppModule.Value.GetProperty("variables").GetProperty("azureSettings").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
}
