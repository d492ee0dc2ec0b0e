using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;
using Microsoft.Extensions.Options;
using Webook.Core.Storage.Kafka;

namespace Webook.Functions;

/// <summary>
/// Decides the Kafka triggers' security at run time, from the same setting as every other Kafka client of the app
/// (<see cref="KafkaOptions.Apply{T}"/>): the trigger attribute's protocol is an enum, fixed when the app is compiled,
/// but the host reads the functions from the worker when it starts (worker indexing), through this transformer.
/// With <c>Kafka:SaslUsername</c> set a trigger speaks SASL_SSL with PLAIN (Event Hubs), its user and password the
/// attribute's <c>%Kafka:SaslUsername%</c> and <c>%Kafka:SaslPassword%</c>, which the host resolves, so no secret is
/// written into the metadata; unset, plain text without credentials (the local broker).
/// </summary>
public sealed class KafkaSecurityTransformer(IOptions<KafkaOptions> kafka) : IFunctionMetadataTransformer
{
    public string Name => nameof(KafkaSecurityTransformer);

    public void Transform(IList<IFunctionMetadata> original)
    {
        var sasl = kafka.Value.SaslUsername.Length > 0;
        foreach (var bindings in original.Select(f => f.RawBindings).OfType<IList<string>>())
        {
            for (var i = 0; i < bindings.Count; i++)
            {
                if (JsonNode.Parse(bindings[i]) is not JsonObject binding || !IsKafkaTrigger(binding)) continue;
                Remove(binding, "protocol", "authenticationMode");
                if (sasl)
                {
                    binding["protocol"] = "SaslSsl";
                    binding["authenticationMode"] = "Plain";
                }
                else
                {
                    Remove(binding, "username", "password");
                }
                bindings[i] = binding.ToJsonString();
            }
        }
    }

    private static bool IsKafkaTrigger(JsonObject binding) =>
        binding.TryGetPropertyValue("type", out var type) && string.Equals((string?)type, "kafkaTrigger", StringComparison.OrdinalIgnoreCase);

    // The generator writes camelCase names; the host reads them case-insensitively, so any spelling is removed.
    private static void Remove(JsonObject binding, params string[] names)
    {
        foreach (var key in binding.Select(p => p.Key).Where(k => names.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList())
            binding.Remove(key);
    }
}
