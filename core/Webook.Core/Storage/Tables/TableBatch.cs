using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure;

namespace Webook.Core.Storage.Tables;

/// <summary>The multipart/mixed body of an entity group transaction, and reading which operation failed.</summary>
internal static partial class TableBatch
{
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

    /// <summary>The failure inside a 202 batch response, or null when every operation succeeded.</summary>
    public static TableTransactionFailedException? FindFailure(Response response)
    {
        var text = response.Content.ToString();
        var statuses = StatusLine().Matches(text);
        var failed = statuses.FirstOrDefault(m => m.Groups[1].Value[0] is not '2');
        if (failed is null) return null;

        var status = int.Parse(failed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var (code, message, index) = ReadError(text[failed.Index..]);
        return new TableTransactionFailedException(status, $"Transaction failed with {status}{(code is null ? "" : $" ({code})")}: {message}", code, index);
    }

    private static (string? Code, string Message, int? Index) ReadError(string part)
    {
        var start = part.IndexOf('{');
        var end = part.LastIndexOf('}');
        if (start < 0 || end < start) return (null, "", null);
        try
        {
            using var json = JsonDocument.Parse(part[start..(end + 1)]);
            var error = json.RootElement.GetProperty("odata.error");
            var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
            var message = error.TryGetProperty("message", out var m) && m.TryGetProperty("value", out var v) ? v.GetString() ?? "" : "";
            var index = IndexPrefix().Match(message);
            return (code, message, index.Success ? int.Parse(index.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null);
        }
        catch (JsonException)
        {
            return (null, "", null);
        }
    }

    [GeneratedRegex(@"HTTP/1\.1 (\d{3})")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^(\d+):")]
    private static partial Regex IndexPrefix();
}
