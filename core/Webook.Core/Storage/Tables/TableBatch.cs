using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;
using Azure.Core;

namespace Webook.Core.Storage.Tables;

/// <summary>
/// The multipart/mixed body of an entity group transaction, and its multipart answer: one sub-response per
/// action on success; on failure the service (Azure and Azurite alike) answers only the failing action,
/// whose error message starts with its zero-based index ("2:The specified entity already exists.").
/// </summary>
internal static partial class TableBatch
{
    public const int MaxActions = 100;

    public sealed record Request(byte[] Body, string ContentType);

    public static Request Build(IReadOnlyList<TableTransactionAction> actions, string endpoint, string table,
        Func<TableTransactionAction, string> verb, Func<ETag, string> ifMatch)
    {
        var batch = "batch_" + Guid.NewGuid().ToString("D");
        var changeset = "changeset_" + Guid.NewGuid().ToString("D");
        var body = new StringBuilder();
        body.Append($"--{batch}\r\nContent-Type: multipart/mixed; boundary={changeset}\r\n\r\n");
        foreach (var action in actions)
        {
            var entity = action.Entity;
            var isAdd = action.ActionType == TableTransactionActionType.Add;
            var url = endpoint + (isAdd ? table : TableClient.EntityPath(table, entity.PartitionKey, entity.RowKey));
            body.Append($"--{changeset}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
            body.Append($"{verb(action)} {url} HTTP/1.1\r\n");
            body.Append("Accept: application/json;odata=minimalmetadata\r\nDataServiceVersion: 3.0\r\n");
            if (action.ActionType is TableTransactionActionType.Delete or TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpdateReplace)
                body.Append($"If-Match: {ifMatch(action.ETag)}\r\n");
            if (action.ActionType == TableTransactionActionType.Delete)
            {
                body.Append("\r\n");
                continue;
            }
            if (isAdd) body.Append("Prefer: return-no-content\r\n");
            body.Append("Content-Type: application/json\r\n\r\n");
            body.Append(Encoding.UTF8.GetString(TableEntityJson.Serialize(entity))).Append("\r\n");
        }
        body.Append($"--{changeset}--\r\n--{batch}--\r\n");
        return new Request(Encoding.UTF8.GetBytes(body.ToString()), $"multipart/mixed; boundary={batch}");
    }

    /// <summary>The sub-responses of a 202 batch response, in order: the parts between boundary lines that hold an HTTP status line.</summary>
    public static IReadOnlyList<Response> ReadResponses(Response response) =>
        BoundaryLine().Split(response.Content.ToString())
            .Select(part => part.IndexOf("HTTP/1.1 ", StringComparison.Ordinal) is var start and >= 0 ? SubResponse.Parse(part[start..]) : null)
            .OfType<Response>()
            .ToList();

    /// <summary>The failure among the sub-responses, or null when every action succeeded.</summary>
    public static TableTransactionFailedException? FindFailure(IReadOnlyList<Response> responses)
    {
        var failed = responses.FirstOrDefault(r => r.IsError);
        if (failed is null) return null;
        var (code, message) = StorageRequestFailure.Describe(failed);
        return new TableTransactionFailedException(failed.Status, $"Transaction failed. {message}", code, FailedIndex(failed));
    }

    private static int? FailedIndex(Response failed)
    {
        try
        {
            using var json = JsonDocument.Parse(failed.Content.ToMemory());
            var text = json.RootElement.GetProperty("odata.error").GetProperty("message").GetProperty("value").GetString() ?? "";
            var index = IndexPrefix().Match(text);
            return index.Success ? int.Parse(index.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^--\S+\r?$", RegexOptions.Multiline)]
    private static partial Regex BoundaryLine();

    [GeneratedRegex(@"^(\d+):")]
    private static partial Regex IndexPrefix();

    private sealed class SubResponse(int status, string reason, List<HttpHeader> headers, byte[] body) : Response
    {
        public override int Status => status;
        public override string ReasonPhrase => reason;
        public override bool IsError => status >= 400;
        public override Stream? ContentStream { get; set; } = new MemoryStream(body, writable: false);
        public override string ClientRequestId { get; set; } = "";

        public static SubResponse Parse(string part)
        {
            var split = part.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var head = (split < 0 ? part : part[..split]).Split("\r\n");
            var body = split < 0 ? "" : part[(split + 4)..].TrimEnd('\r', '\n');
            var statusLine = head[0].Split(' ', 3);
            var headers = head.Skip(1)
                .Select(line => line.Split(':', 2))
                .Where(pair => pair.Length == 2)
                .Select(pair => new HttpHeader(pair[0].Trim(), pair[1].Trim()))
                .ToList();
            return new SubResponse(int.Parse(statusLine[1], CultureInfo.InvariantCulture), statusLine.Length > 2 ? statusLine[2] : "",
                headers, Encoding.UTF8.GetBytes(body));
        }

        public override void Dispose() => ContentStream?.Dispose();

        protected override bool TryGetHeader(string name, out string value)
        {
            var values = Values(name).ToList();
            value = string.Join(",", values);
            return values.Count > 0;
        }

        protected override bool TryGetHeaderValues(string name, out IEnumerable<string> values)
        {
            values = Values(name).ToList();
            return values.Any();
        }

        protected override bool ContainsHeader(string name) => Values(name).Any();

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => headers;

        private IEnumerable<string> Values(string name) =>
            headers.Where(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);
    }
}
