using System.Globalization;
using System.Net;
using System.Runtime.Serialization;
using System.Text.Json;
using Azure;
using Webook.Core.Storage.Tables;

namespace Webook.UnitTests.Storage;

public sealed class TableClientUnitTests
{
    private const string ConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1";

    [Fact]
    public void Query_filters_write_each_value_as_an_odata_literal_whatever_the_culture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.DateTimeFormat.TimeSeparator = ".";
        culture.NumberFormat.NumberDecimalSeparator = ",";
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = culture;
        try
        {
            var when = new DateTimeOffset(2026, 1, 2, 11, 4, 5, 678, TimeSpan.FromHours(8));
            var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
            var filter = TableClient.CreateQueryFilter(
                $"Name eq {"O'Brien"} and N eq {7} and Big eq {5_000_000_000L} and Ok eq {true} and D eq {2.0} and E lt {0.5} and At ge {when} and Id eq {id}");

            Assert.Equal(
                "Name eq 'O''Brien' and N eq 7 and Big eq 5000000000L and Ok eq true and D eq 2.0 and E lt 0.5" +
                " and At ge datetime'2026-01-02T03:04:05.6780000Z' and Id eq guid'0f8fad5b-d9cb-469f-a165-70867728950e'",
                filter);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Typed_entities_are_written_with_edm_types_where_json_cannot_carry_them()
    {
        var entity = new Sample
        {
            PartitionKey = "p", RowKey = "r", Big = 5_000_000_000L, Whole = 2.0, Small = 3,
            At = new DateTimeOffset(2026, 1, 2, 11, 4, 5, 678, TimeSpan.FromHours(8)),
            Id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), Bytes = [1, 2, 255], Skipped = "x",
        };

        using var json = JsonDocument.Parse(TableEntityJson.Serialize(entity));
        var root = json.RootElement;

        Assert.Equal("Edm.Int64", root.GetProperty("Big@odata.type").GetString());
        Assert.Equal("5000000000", root.GetProperty("Big").GetString());
        Assert.Equal("Edm.Double", root.GetProperty("Whole@odata.type").GetString());
        Assert.Equal(2.0, root.GetProperty("Whole").GetDouble());
        Assert.Equal(3, root.GetProperty("Small").GetInt32());
        Assert.False(root.TryGetProperty("Small@odata.type", out _));
        Assert.Equal("Edm.DateTime", root.GetProperty("At@odata.type").GetString());
        Assert.Equal("2026-01-02T03:04:05.6780000Z", root.GetProperty("At").GetString());
        Assert.Equal("Edm.Guid", root.GetProperty("Id@odata.type").GetString());
        Assert.Equal("Edm.Binary", root.GetProperty("Bytes@odata.type").GetString());
        Assert.Equal("AQL/", root.GetProperty("Bytes").GetString());
        Assert.False(root.TryGetProperty("Skipped", out _));
        Assert.False(root.TryGetProperty("Missing", out _));
        Assert.False(root.TryGetProperty("ETag", out _));
        Assert.False(root.TryGetProperty("Timestamp", out _));
    }

    [Fact]
    public void Reading_accepts_int64_as_a_string_and_takes_the_etag_and_timestamp()
    {
        using var json = JsonDocument.Parse("""
            {"odata.etag":"W/\"datetime'2026-01-01T00%3A00%3A00Z'\"","PartitionKey":"p","RowKey":"r",
             "Big@odata.type":"Edm.Int64","Big":"5000000000","Whole":2.0,"Small":3,"Timestamp":"2026-01-01T00:00:00.1234567Z"}
            """);

        var entity = TableEntityJson.Read<Sample>(json.RootElement);
        var bag = TableEntityJson.Read<TableEntity>(json.RootElement);

        Assert.Equal(5_000_000_000L, entity.Big);
        Assert.Equal(2.0, entity.Whole);
        Assert.Equal(3, entity.Small);
        Assert.Null(entity.Missing);
        Assert.Equal(new ETag("W/\"datetime'2026-01-01T00%3A00%3A00Z'\""), entity.ETag);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(1234567), entity.Timestamp);
        Assert.Equal(5_000_000_000L, bag.GetInt64("Big"));
        Assert.IsType<double>(bag["Whole"]);
        Assert.IsType<int>(bag["Small"]);
    }

    [Fact]
    public async Task A_transaction_returns_one_response_per_action_with_its_etag()
    {
        const string body =
            "--batchresponse_x\r\nContent-Type: multipart/mixed; boundary=changesetresponse_y\r\n\r\n" +
            "--changesetresponse_y\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
            "HTTP/1.1 204 No Content\r\nDataServiceVersion: 3.0;\r\nETag: W/\"datetime'2026-01-01T00%3A00%3A01Z'\"\r\n\r\n\r\n" +
            "--changesetresponse_y\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
            "HTTP/1.1 204 No Content\r\nDataServiceVersion: 1.0;\r\n\r\n\r\n" +
            "--changesetresponse_y--\r\n--batchresponse_x--\r\n";
        var handler = new RecordingHandler(HttpStatusCode.Accepted, body, "multipart/mixed; boundary=batchresponse_x");
        var table = Table(handler);

        var results = (await table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", "a")),
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("p", "it's")),
        ])).Value;

        Assert.Equal([204, 204], results.Select(r => r.Status));
        Assert.Equal(new ETag("W/\"datetime'2026-01-01T00%3A00%3A01Z'\""), results[0].Headers.ETag);
        var sent = Assert.Single(handler.Bodies);
        Assert.Contains("PUT http://127.0.0.1:10002/devstoreaccount1/users(PartitionKey='p',RowKey='a') HTTP/1.1", sent);
        Assert.Contains("DELETE http://127.0.0.1:10002/devstoreaccount1/users(PartitionKey='p',RowKey='it%27%27s') HTTP/1.1\r\n", sent);
        Assert.Contains("If-Match: *", sent);
        Assert.StartsWith("multipart/mixed; boundary=batch_", handler.Requests[0].Content!.Headers.ContentType!.ToString());
        Assert.EndsWith("/$batch", handler.Requests[0].RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task A_failed_transaction_names_the_failing_action_from_the_error_message()
    {
        const string body =
            "--batchresponse_x\r\nContent-Type: multipart/mixed; boundary=changesetresponse_y\r\n\r\n" +
            "--changesetresponse_y\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
            "HTTP/1.1 412 Precondition Failed\r\nContent-ID: 2\r\nContent-Type: application/json;odata=minimalmetadata;charset=utf-8\r\n\r\n" +
            "{\"odata.error\":{\"code\":\"UpdateConditionNotSatisfied\",\"message\":{\"lang\":\"en-US\",\"value\":\"1:The update condition specified in the request was not satisfied.\\nRequestId:abc\"}}}\r\n" +
            "--changesetresponse_y--\r\n--batchresponse_x--\r\n";
        var table = Table(new RecordingHandler(HttpStatusCode.Accepted, body, "multipart/mixed; boundary=batchresponse_x"));

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "a")),
            new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity("p", "b"), new ETag("W/\"old\"")),
        ]));

        Assert.Equal(412, error.Status);
        Assert.Equal("UpdateConditionNotSatisfied", error.ErrorCode);
        Assert.Equal(1, error.FailedTransactionActionIndex);
    }

    [Fact]
    public async Task A_batch_level_error_or_an_unreadable_answer_is_not_taken_for_success()
    {
        const string body =
            "--batchresponse_x\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
            "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json;odata=minimalmetadata;charset=utf-8\r\n\r\n" +
            "{\"odata.error\":{\"code\":\"InvalidInput\",\"message\":{\"lang\":\"en-US\",\"value\":\"0:Bad request.\"}}}\r\n" +
            "--batchresponse_x--\r\n";
        TableTransactionAction[] actions = [new(TableTransactionActionType.Add, new TableEntity("p", "a"))];

        var invalid = Table(new RecordingHandler(HttpStatusCode.Accepted, body, "multipart/mixed; boundary=batchresponse_x"));
        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => invalid.SubmitTransactionAsync(actions));
        Assert.Equal((400, "InvalidInput", 0), (error.Status, error.ErrorCode, error.FailedTransactionActionIndex));

        var unreadable = Table(new RecordingHandler(HttpStatusCode.Accepted, "", "multipart/mixed; boundary=batchresponse_x"));
        await Assert.ThrowsAsync<RequestFailedException>(() => unreadable.SubmitTransactionAsync(actions));
    }

    [Fact]
    public async Task Invalid_transactions_and_keys_are_refused_before_sending()
    {
        var handler = new RecordingHandler();
        var table = Table(handler);
        TableTransactionAction Add(string partition, string row) => new(TableTransactionActionType.Add, new TableEntity(partition, row));

        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(Enumerable.Range(0, 101).Select(i => Add("p", $"{i}"))));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([]));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([Add("p", "a"), Add("q", "a")]));
        await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync([Add("p", "a/b")]));
        await Assert.ThrowsAsync<ArgumentException>(() => table.UpsertEntityAsync(new TableEntity("p#", "r")));
        await Assert.ThrowsAsync<ArgumentException>(() => table.DeleteEntityAsync("p", "r?"));
        await Assert.ThrowsAsync<ArgumentException>(() => table.GetEntityAsync<TableEntity>("p\\", "r"));
        await Assert.ThrowsAsync<ArgumentException>(() => table.UpdateEntityAsync(new TableEntity("p", "\t"), ETag.All));

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Error_codes_come_from_the_header_and_else_from_the_body()
    {
        var fromBody = Table(new RecordingHandler(HttpStatusCode.Conflict,
            """{"odata.error":{"code":"EntityAlreadyExists","message":{"lang":"en-US","value":"exists"}}}""", "application/json"));
        var error = await Assert.ThrowsAsync<EntityAlreadyExistsException>(() => fromBody.AddEntityAsync(new TableEntity("p", "r")));
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.IsAssignableFrom<RequestFailedException>(error);

        var fromHeader = Table(new RecordingHandler(HttpStatusCode.PreconditionFailed, "", null, ("x-ms-error-code", "UpdateConditionNotSatisfied")));
        var changed = await Assert.ThrowsAsync<EntityChangedException>(() => fromHeader.DeleteEntityAsync("p", "r", new ETag("W/\"old\"")));
        Assert.Equal(412, changed.Status);
        Assert.Equal("UpdateConditionNotSatisfied", changed.ErrorCode);

        var missing = Table(new RecordingHandler(HttpStatusCode.NotFound, "", null, ("x-ms-error-code", "ResourceNotFound")));
        Assert.Equal(404, (await missing.DeleteEntityAsync("p", "r")).Status);
        await Assert.ThrowsAsync<EntityNotFoundException>(() => missing.UpdateEntityAsync(new TableEntity("p", "r"), ETag.All));
        Assert.False((await missing.GetEntityIfExistsAsync<TableEntity>("p", "r")).HasValue);

        var other = Table(new RecordingHandler(HttpStatusCode.Forbidden));
        var forbidden = await Assert.ThrowsAsync<RequestFailedException>(() => other.AddEntityAsync(new TableEntity("p", "r")));
        Assert.Equal(403, forbidden.Status);
    }

    private static TableClient Table(RecordingHandler handler) =>
        new TableServiceClient(ConnectionString, new TableClientOptions { Transport = handler.Transport, Retry = { MaxRetries = 0 } })
            .GetTableClient("users");

    private sealed class Sample : ITableEntity
    {
        public string PartitionKey { get; set; } = "";
        public string RowKey { get; set; } = "";
        public DateTimeOffset? Timestamp { get; set; }
        public ETag ETag { get; set; }

        public long Big { get; set; }
        public double Whole { get; set; }
        public int Small { get; set; }
        public DateTimeOffset At { get; set; }
        public Guid Id { get; set; }
        public byte[]? Bytes { get; set; }
        public string? Missing { get; set; }

        [IgnoreDataMember]
        public string Skipped { get; set; } = "";
    }
}
