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

        Assert.Matches(@"^\[union\(variables\('defaults'\), variables\('azureSettings'\), variables\('weChatSecretSettings'\), variables\('weChatPaySecretSettings'\), createObject\('WeChatPay__NotifyUrl', .*\), variables\('origins'\)\)\]$",
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

    [Fact]
    public void The_wechat_pay_secrets_are_key_vault_references_made_only_with_a_merchant_id()
    {
        var variables = FunctionAppModule.Value.GetProperty("variables");
        var vault = CompiledInfra.Module("vault");
        var sample = Repository.SampleSettings().Select(s => s.Key).ToHashSet();
        var secrets = new Dictionary<string, (string Setting, string Parameter, bool Pem)>
        {
            ["vault::payMerchantKey"] = ("WeChatPay__MerchantPrivateKey", "weChatPayMerchantPrivateKey", true),
            ["vault::payPlatformKey"] = ("WeChatPay__PlatformPublicKey", "weChatPayPlatformPublicKey", true),
            ["vault::payApiV3Key"] = ("WeChatPay__ApiV3Key", "weChatPayApiV3Key", false),
        };

        var references = variables.GetProperty("weChatPaySecrets").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(secrets.Values.Select(s => s.Setting).Order(), references.Keys.Order());
        Assert.Equal("[toObject(filter(items(variables('weChatPaySecrets')), lambda('s', not(empty(lambdaVariables('s').value)))), lambda('s', lambdaVariables('s').key), lambda('s', format('@{0}', format(variables('keyVaultReference'), lambdaVariables('s').value))))]",
            variables.GetProperty("weChatPaySecretSettings").GetString());
        foreach (var (resource, (setting, parameter, pem)) in secrets)
        {
            Assert.Contains(setting, sample);
            Assert.DoesNotContain(setting, AzureSettings().Keys);
            Assert.Equal($"[coalesce(tryGet(parameters('vaultReferences'), '{parameter}'), '')]", references[setting]);
            // Without a merchant id the vault gets none of them, since a reference to an empty secret would not resolve.
            var value = pem ? $"base64ToString(parameters('{parameter}'))" : $"parameters('{parameter}')";
            Assert.Equal($"[if(empty(parameters('weChatPayMchId')), createObject('value', ''), createObject('value', {value}))]",
                CompiledInfra.Main.GetProperty("resources").GetProperty("vault").GetProperty("properties").GetProperty("parameters").GetProperty(parameter).GetString());
            var secret = vault.GetProperty("resources").GetProperty(resource);
            Assert.Equal($"[not(empty(parameters('{parameter}')))]", secret.GetProperty("condition").GetString());
            Assert.Equal($"[parameters('{parameter}')]", secret.GetProperty("properties").GetProperty("value").GetString());
            Assert.StartsWith($"[tryGet(if(not(empty(parameters('{parameter}'))), reference('{resource}'",
                vault.GetProperty("outputs").GetProperty("vaultUris").GetProperty("value").GetProperty(parameter).GetString(), StringComparison.Ordinal);
        }
        foreach (var (setting, parameter) in new[] { ("WeChatPay__MchId", "weChatPayMchId"), ("WeChatPay__AppId", "weChatPayAppId"),
                     ("WeChatPay__MerchantSerialNo", "weChatPayMerchantSerialNo"), ("WeChatPay__PlatformSerialNo", "weChatPayPlatformSerialNo") })
        {
            Assert.Equal($"[parameters('{parameter}')]", AzureSettings()[setting]);
            Assert.Equal($"[parameters('{parameter}')]", CompiledInfra.ModuleParameter("functionApp", parameter).GetString());
        }
    }

    [Fact]
    public void The_wechat_pay_notify_url_defaults_to_its_route_on_the_apps_url()
    {
        var settings = FunctionAppModule.Value.GetProperty("resources").GetProperty("app::settings").GetProperty("properties").GetString()!;
        var url = FunctionAppModule.Value.GetProperty("outputs").GetProperty("url").GetProperty("value").GetString()!;

        // The URL azd stores as WEBOOK_API_URL: the app's own host name (Front Door serves published content only).
        Assert.Equal("[format('https://{0}', reference('app').defaultHostName)]", url);
        Assert.Equal("[reference('functionApp').outputs.url.value]", CompiledInfra.Main.GetProperty("outputs").GetProperty("WEBOOK_API_URL").GetProperty("value").GetString());
        Assert.Contains($"createObject('WeChatPay__NotifyUrl', if(empty(parameters('weChatPayNotifyUrl')), format('{{0}}/pay/wechat/notify', {url[1..^1]}), parameters('weChatPayNotifyUrl')))",
            settings, StringComparison.Ordinal);
        Assert.Equal("[parameters('weChatPayNotifyUrl')]", CompiledInfra.ModuleParameter("functionApp", "weChatPayNotifyUrl").GetString());
        Assert.Equal("", CompiledInfra.Main.GetProperty("parameters").GetProperty("weChatPayNotifyUrl").GetProperty("defaultValue").GetString());
    }

    [Fact]
    public void Every_wechat_pay_parameter_is_optional_and_comes_from_the_azd_environment()
    {
        var names = new Dictionary<string, string>
        {
            ["weChatPayMchId"] = "WEBOOK_WECHATPAY_MCH_ID",
            ["weChatPayAppId"] = "WEBOOK_WECHATPAY_APP_ID",
            ["weChatPayMerchantSerialNo"] = "WEBOOK_WECHATPAY_MERCHANT_SERIAL_NO",
            ["weChatPayMerchantPrivateKey"] = "WEBOOK_WECHATPAY_MERCHANT_PRIVATE_KEY",
            ["weChatPayPlatformPublicKey"] = "WEBOOK_WECHATPAY_PLATFORM_PUBLIC_KEY",
            ["weChatPayPlatformSerialNo"] = "WEBOOK_WECHATPAY_PLATFORM_SERIAL_NO",
            ["weChatPayApiV3Key"] = "WEBOOK_WECHATPAY_API_V3_KEY",
            ["weChatPayNotifyUrl"] = "WEBOOK_WECHATPAY_NOTIFY_URL",
        };
        using var file = JsonDocument.Parse(Repository.Read("infra", "main.parameters.json"));
        var parameters = CompiledInfra.Main.GetProperty("parameters");

        Assert.Equal(names.Keys.Order(), parameters.EnumerateObject().Select(p => p.Name).Where(n => n.StartsWith("weChatPay", StringComparison.Ordinal)).Order());
        foreach (var (parameter, name) in names)
        {
            Assert.Equal("", parameters.GetProperty(parameter).GetProperty("defaultValue").GetString());
            Assert.Equal("${" + name + "=}", file.RootElement.GetProperty("parameters").GetProperty(parameter).GetProperty("value").GetString());
        }
    }

    private static Dictionary<string, string> AzureSettings() =>
        FunctionAppModule.Value.GetProperty("variables").GetProperty("azureSettings").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
}
