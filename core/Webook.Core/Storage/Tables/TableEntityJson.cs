using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Runtime.Serialization;
using System.Text.Json;
using Azure;

namespace Webook.Core.Storage.Tables;

/// <summary>
/// Entities to and from the Table service's JSON: typed entities by their public read-write properties,
/// <see cref="TableEntity"/> by its values. Types JSON cannot carry exactly travel with an odata.type.
/// </summary>
internal static class TableEntityJson
{
    private const string TypeSuffix = "@odata.type";
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();
    private static readonly HashSet<string> SystemProperties = [nameof(ITableEntity.PartitionKey), nameof(ITableEntity.RowKey), nameof(ITableEntity.Timestamp), nameof(ITableEntity.ETag)];

    public static byte[] Serialize(ITableEntity entity)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, entity);
        }
        return buffer.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, ITableEntity entity)
    {
        writer.WriteStartObject();
        writer.WriteString(nameof(ITableEntity.PartitionKey), entity.PartitionKey);
        writer.WriteString(nameof(ITableEntity.RowKey), entity.RowKey);
        if (entity is TableEntity bag)
        {
            foreach (var (name, value) in bag)
                if (!SystemProperties.Contains(name)) WriteValue(writer, name, value);
        }
        else
        {
            foreach (var property in PropertiesOf(entity.GetType())) WriteValue(writer, property.Name, property.GetValue(entity));
        }
        writer.WriteEndObject();
    }

    public static T Read<T>(JsonElement json, ETag? etag = null) where T : ITableEntity, new()
    {
        var entity = new T
        {
            PartitionKey = json.TryGetProperty(nameof(ITableEntity.PartitionKey), out var partition) ? partition.GetString()! : "",
            RowKey = json.TryGetProperty(nameof(ITableEntity.RowKey), out var row) ? row.GetString()! : "",
        };
        if (json.TryGetProperty(nameof(ITableEntity.Timestamp), out var timestamp)) entity.Timestamp = ParseDate(timestamp.GetString()!);
        if (etag is { } header) entity.ETag = header;
        else if (json.TryGetProperty("odata.etag", out var inline)) entity.ETag = new ETag(inline.GetString()!);

        if (entity is TableEntity bag)
        {
            foreach (var property in json.EnumerateObject())
            {
                if (SystemProperties.Contains(property.Name) || property.Name.StartsWith("odata.", StringComparison.Ordinal) || property.Name.EndsWith(TypeSuffix, StringComparison.Ordinal)) continue;
                var edmType = json.TryGetProperty(property.Name + TypeSuffix, out var type) ? type.GetString() : null;
                bag[property.Name] = ReadUntyped(property.Value, edmType);
            }
        }
        else
        {
            foreach (var property in PropertiesOf(typeof(T)))
                if (json.TryGetProperty(property.Name, out var value)) property.SetValue(entity, ReadTyped(value, property.PropertyType));
        }
        return entity;
    }

    private static PropertyInfo[] PropertiesOf(Type type) => Properties.GetOrAdd(type, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p is { CanRead: true, CanWrite: true } && p.GetIndexParameters().Length == 0 && !SystemProperties.Contains(p.Name)
                        && p.GetCustomAttribute<IgnoreDataMemberAttribute>() is null)
            .ToArray());

    private static void WriteValue(Utf8JsonWriter writer, string name, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                writer.WriteString(name, s);
                return;
            case int i:
                writer.WriteNumber(name, i);
                return;
            case bool b:
                writer.WriteBoolean(name, b);
                return;
            case double d:
                writer.WriteString(name + TypeSuffix, "Edm.Double");
                if (double.IsFinite(d)) writer.WriteNumber(name, d);
                else writer.WriteString(name, d.ToString(CultureInfo.InvariantCulture));
                return;
            case long l:
                Typed(writer, name, "Edm.Int64", l.ToString(CultureInfo.InvariantCulture));
                return;
            case DateTimeOffset dto:
                Typed(writer, name, "Edm.DateTime", FormatDate(dto));
                return;
            case DateTime dt:
                Typed(writer, name, "Edm.DateTime", FormatDate(new DateTimeOffset(dt.ToUniversalTime())));
                return;
            case Guid g:
                Typed(writer, name, "Edm.Guid", g.ToString("D"));
                return;
            case byte[] bytes:
                Typed(writer, name, "Edm.Binary", Convert.ToBase64String(bytes));
                return;
            default:
                throw new NotSupportedException($"Table property {name} has unsupported type {value.GetType().Name}.");
        }
    }

    private static void Typed(Utf8JsonWriter writer, string name, string edmType, string value)
    {
        writer.WriteString(name + TypeSuffix, edmType);
        writer.WriteString(name, value);
    }

    private static object? ReadTyped(JsonElement value, Type type)
    {
        if (value.ValueKind == JsonValueKind.Null) return null;
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string)) return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        if (target == typeof(int)) return value.GetInt32();
        if (target == typeof(long)) return value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt64();
        if (target == typeof(bool)) return value.GetBoolean();
        if (target == typeof(double)) return value.ValueKind == JsonValueKind.String ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetDouble();
        if (target == typeof(DateTimeOffset)) return ParseDate(value.GetString()!);
        if (target == typeof(DateTime)) return ParseDate(value.GetString()!).UtcDateTime;
        if (target == typeof(Guid)) return Guid.Parse(value.GetString()!);
        if (target == typeof(byte[])) return Convert.FromBase64String(value.GetString()!);
        throw new NotSupportedException($"Table properties of type {type.Name} are not supported.");
    }

    private static object? ReadUntyped(JsonElement value, string? edmType) => edmType switch
    {
        "Edm.Int64" => ReadTyped(value, typeof(long)),
        "Edm.Double" => ReadTyped(value, typeof(double)),
        "Edm.DateTime" => ReadTyped(value, typeof(DateTimeOffset)),
        "Edm.Guid" => ReadTyped(value, typeof(Guid)),
        "Edm.Binary" => ReadTyped(value, typeof(byte[])),
        _ => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.TryGetInt32(out var i) ? (object)i : value.GetDouble(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        },
    };

    internal static string FormatDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseDate(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
