using System.Collections;
using Azure;

namespace Webook.Core.Storage.Tables;

/// <summary>An entity as a bag of named values, for reading or merging some properties without a type.</summary>
public sealed class TableEntity : ITableEntity, IDictionary<string, object?>
{
    private readonly Dictionary<string, object?> _properties = new(StringComparer.Ordinal);

    public TableEntity()
    {
    }

    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? GetString(string key) => Get(key) as string;
    public long? GetInt64(string key) => Get(key) switch { long l => l, int i => i, _ => null };
    public int? GetInt32(string key) => Get(key) is int i ? i : null;
    public bool? GetBoolean(string key) => Get(key) is bool b ? b : null;
    public double? GetDouble(string key) => Get(key) switch { double d => d, int i => i, long l => l, _ => null };
    public DateTimeOffset? GetDateTimeOffset(string key) => Get(key) is DateTimeOffset d ? d : null;
    public Guid? GetGuid(string key) => Get(key) is Guid g ? g : null;
    public byte[]? GetBinary(string key) => Get(key) as byte[];

    private object? Get(string key) => _properties.GetValueOrDefault(key);

    public object? this[string key]
    {
        get => _properties[key];
        set => _properties[key] = value;
    }

    public ICollection<string> Keys => _properties.Keys;
    public ICollection<object?> Values => _properties.Values;
    public int Count => _properties.Count;
    public bool IsReadOnly => false;
    public void Add(string key, object? value) => _properties.Add(key, value);
    public void Add(KeyValuePair<string, object?> item) => _properties.Add(item.Key, item.Value);
    public void Clear() => _properties.Clear();
    public bool Contains(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_properties).Contains(item);
    public bool ContainsKey(string key) => _properties.ContainsKey(key);
    public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) => ((ICollection<KeyValuePair<string, object?>>)_properties).CopyTo(array, arrayIndex);
    public bool Remove(string key) => _properties.Remove(key);
    public bool Remove(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_properties).Remove(item);
    public bool TryGetValue(string key, out object? value) => _properties.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _properties.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
