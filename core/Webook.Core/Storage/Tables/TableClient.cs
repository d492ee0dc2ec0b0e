using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Webook.Core.Storage.Tables;

/// <summary>One table, over the Table service REST API. Named like Azure.Data.Tables' TableClient for the subset used.</summary>
public class TableClient
{
    internal const string ApiVersion = "2019-02-02";
    private const string JsonAccept = "application/json;odata=minimalmetadata";
    private static readonly RequestMethod Merge = new("MERGE");

    private readonly HttpPipeline _pipeline;
    private readonly string _endpoint;

    /// <summary>For substitution in unit tests.</summary>
    protected TableClient()
    {
        _pipeline = null!;
        _endpoint = "";
        Name = "";
    }

    internal TableClient(HttpPipeline pipeline, Uri endpoint, string name)
    {
        _pipeline = pipeline;
        _endpoint = endpoint.AbsoluteUri.TrimEnd('/');
        Name = name;
    }

    public virtual string Name { get; }

    public virtual async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = Message(RequestMethod.Post, "Tables", JsonSerializer.SerializeToUtf8Bytes(new { TableName = Name }));
        var response = await SendAsync(message, cancellationToken);
        if (response.IsError && response.Status != 409) throw TableErrors.From(response);
    }

    public virtual async Task<Response> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default) where T : ITableEntity
    {
        ValidateKeys(entity.PartitionKey, entity.RowKey);
        using var message = Message(RequestMethod.Post, Name, TableEntityJson.Serialize(entity));
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        return ThrowIfError(await SendAsync(message, cancellationToken));
    }

    public virtual async Task<Response> UpsertEntityAsync<T>(T entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        ValidateKeys(entity.PartitionKey, entity.RowKey);
        using var message = Message(Verb(mode), EntityPath(entity.PartitionKey, entity.RowKey), TableEntityJson.Serialize(entity));
        return ThrowIfError(await SendAsync(message, cancellationToken));
    }

    public virtual async Task<Response> UpdateEntityAsync<T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        ValidateKeys(entity.PartitionKey, entity.RowKey);
        using var message = Message(Verb(mode), EntityPath(entity.PartitionKey, entity.RowKey), TableEntityJson.Serialize(entity));
        message.Request.Headers.SetValue("If-Match", IfMatch(ifMatch));
        return ThrowIfError(await SendAsync(message, cancellationToken));
    }

    /// <summary>Deletes an entity; a missing one is not an error. A stale <paramref name="ifMatch"/> throws <see cref="EntityChangedException"/>.</summary>
    public virtual async Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        ValidateKeys(partitionKey, rowKey);
        using var message = Message(RequestMethod.Delete, EntityPath(partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", IfMatch(ifMatch));
        var response = await SendAsync(message, cancellationToken);
        return response.Status == 404 ? response : ThrowIfError(response);
    }

    public virtual async Task<Response<T>> GetEntityAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null,
        CancellationToken cancellationToken = default) where T : class, ITableEntity, new()
    {
        var found = await GetEntityIfExistsAsync<T>(partitionKey, rowKey, select, cancellationToken);
        return found.HasValue
            ? Response.FromValue(found.Value!, found.GetRawResponse())
            : throw TableErrors.From(found.GetRawResponse());
    }

    public virtual async Task<NullableResponse<T>> GetEntityIfExistsAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null,
        CancellationToken cancellationToken = default) where T : class, ITableEntity, new()
    {
        ValidateKeys(partitionKey, rowKey);
        using var message = Message(RequestMethod.Get, EntityPath(partitionKey, rowKey), query: Select(select));
        var response = await SendAsync(message, cancellationToken);
        if (response.Status == 404) return new EntityResponse<T>(null, response);
        ThrowIfError(response);
        using var json = JsonDocument.Parse(response.Content.ToMemory());
        var etag = response.Headers.ETag;
        return new EntityResponse<T>(TableEntityJson.Read<T>(json.RootElement, etag), response);
    }

    /// <summary>Entities matching an OData filter, page by page (<paramref name="maxPerPage"/> is $top), resumable by continuation token.</summary>
    public virtual AsyncPageable<T> QueryAsync<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null,
        CancellationToken cancellationToken = default) where T : class, ITableEntity, new() =>
        new TableQuery<T>(this, filter, maxPerPage, select?.ToList(), cancellationToken);

    /// <summary>
    /// An entity group transaction: up to 100 actions on one partition, all or nothing. Returns one response
    /// per action (with its new ETag); throws <see cref="TableTransactionFailedException"/> naming the failing action.
    /// </summary>
    public virtual async Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> actions,
        CancellationToken cancellationToken = default)
    {
        var list = actions.ToList();
        if (list.Count is 0 or > TableBatch.MaxActions)
            throw new ArgumentException($"A transaction holds 1 to {TableBatch.MaxActions} actions, not {list.Count}.", nameof(actions));
        if (list.Select(a => a.Entity.PartitionKey).Distinct().Count() > 1) throw new ArgumentException("A transaction acts on one partition.", nameof(actions));
        foreach (var action in list) ValidateKeys(action.Entity.PartitionKey, action.Entity.RowKey);

        var batch = TableBatch.Build(list, $"{_endpoint}/", Name, a => Verb(a).Method, IfMatch);
        using var message = Message(RequestMethod.Post, "$batch", batch.Body, contentType: batch.ContentType);
        var response = await SendAsync(message, cancellationToken);
        if (response.IsError)
        {
            var (code, text) = StorageRequestFailure.Describe(response);
            throw new TableTransactionFailedException(response.Status, $"Transaction failed. {text}", code, null);
        }
        var results = TableBatch.ReadResponses(response);
        if (TableBatch.FindFailure(results) is { } failure) throw failure;
        if (results.Count != list.Count)
            throw new RequestFailedException(response.Status, $"The transaction's response holds {results.Count} results for {list.Count} actions.");
        return Response.FromValue(results, response);
    }

    /// <summary>An OData filter from an interpolated string, with each value written as a literal of its type.</summary>
    public static string CreateQueryFilter(FormattableString filter) =>
        string.Format(CultureInfo.InvariantCulture, filter.Format, filter.GetArguments().Select(ODataLiteral).ToArray());

    internal async Task<(List<T> Values, string? Continuation, Response Raw)> QueryPageAsync<T>(
        string? filter, int? top, List<string>? select, string? continuation, CancellationToken cancellationToken) where T : class, ITableEntity, new()
    {
        var query = new List<(string, string)>();
        if (filter is not null) query.Add(("$filter", filter));
        if (top is not null) query.Add(("$top", top.Value.ToString(CultureInfo.InvariantCulture)));
        query.AddRange(Select(select));
        if (continuation is not null)
        {
            var (partition, row) = TableQueryContinuation.Parse(continuation);
            query.Add(("NextPartitionKey", partition));
            if (row is not null) query.Add(("NextRowKey", row));
        }

        using var message = Message(RequestMethod.Get, Name + "()", query: query);
        var response = ThrowIfError(await SendAsync(message, cancellationToken));
        using var json = JsonDocument.Parse(response.Content.ToMemory());
        var values = json.RootElement.GetProperty("value").EnumerateArray().Select(e => TableEntityJson.Read<T>(e)).ToList();
        response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPartition);
        response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRow);
        return (values, TableQueryContinuation.Format(nextPartition, nextRow), response);
    }

    private HttpMessage Message(RequestMethod method, string path, byte[]? body = null, IEnumerable<(string Name, string Value)>? query = null,
        string contentType = "application/json")
    {
        var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(new Uri($"{_endpoint}/{path}"));
        foreach (var (name, value) in query ?? []) request.Uri.AppendQuery(name, value, escapeValue: true);
        request.Headers.SetValue("x-ms-version", ApiVersion);
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        request.Headers.SetValue("Accept", JsonAccept);
        if (body is not null)
        {
            request.Headers.SetValue("Content-Type", contentType);
            request.Content = RequestContent.Create(body);
        }
        return message;
    }

    private async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken);
        return message.Response;
    }

    private static Response ThrowIfError(Response response) => response.IsError ? throw TableErrors.From(response) : response;

    private static RequestMethod Verb(TableUpdateMode mode) => mode == TableUpdateMode.Merge ? Merge : RequestMethod.Put;

    private static RequestMethod Verb(TableTransactionAction action) => action.ActionType switch
    {
        TableTransactionActionType.Add => RequestMethod.Post,
        TableTransactionActionType.Delete => RequestMethod.Delete,
        TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpsertMerge => Merge,
        _ => RequestMethod.Put,
    };

    private static string IfMatch(ETag etag) => etag == default || etag == ETag.All ? "*" : etag.ToString("H");

    internal static string EntityPath(string table, string partitionKey, string rowKey) =>
        $"{table}(PartitionKey='{EscapeKey(partitionKey)}',RowKey='{EscapeKey(rowKey)}')";

    private string EntityPath(string partitionKey, string rowKey) => EntityPath(Name, partitionKey, rowKey);

    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''"));

    private static IEnumerable<(string, string)> Select(IEnumerable<string>? select) =>
        select is null ? [] : [("$select", string.Join(',', select))];

    /// <summary>PartitionKey and RowKey may not hold / \ # ? or control characters.</summary>
    internal static void ValidateKeys(string partitionKey, string rowKey)
    {
        static bool Invalid(char c) => c is '/' or '\\' or '#' or '?' || char.IsControl(c);
        if (partitionKey is null || partitionKey.Any(Invalid)) throw new ArgumentException("PartitionKey holds a character the Table service forbids.", nameof(partitionKey));
        if (rowKey is null || rowKey.Any(Invalid)) throw new ArgumentException("RowKey holds a character the Table service forbids.", nameof(rowKey));
    }

    private static string ODataLiteral(object? value) => value switch
    {
        null => "null",
        string s => $"'{s.Replace("'", "''")}'",
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => DoubleLiteral(d),
        DateTimeOffset dto => $"datetime'{TableEntityJson.FormatDate(dto)}'",
        DateTime dt => $"datetime'{TableEntityJson.FormatDate(new DateTimeOffset(dt.ToUniversalTime()))}'",
        Guid g => $"guid'{g:D}'",
        byte[] bytes => $"X'{Convert.ToHexStringLower(bytes)}'",
        _ => throw new NotSupportedException($"No OData literal for {value.GetType().Name}."),
    };

    private static string DoubleLiteral(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return double.IsFinite(value) && !text.Contains('.') && !text.Contains('E') ? text + ".0" : text;
    }

    private sealed class EntityResponse<T>(T? value, Response raw) : NullableResponse<T>
    {
        public override bool HasValue => value is not null;
        public override T? Value => value;
        public override Response GetRawResponse() => raw;
    }
}
