using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Webook.TestSupport;

namespace Webook.EndToEndTests;

/// <summary>What the client did wrong is answered as its mistake (code 4), never logged as our failure.</summary>
public sealed class ClientFaultTests : IAsyncLifetime
{
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(
        new Dictionary<string, string?> { ["Logging:LogLevel:Webook.Core.Http.HandlerGuard"] = "Information" },
        builder => builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 100, gracePeriod: TimeSpan.FromSeconds(2))));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_body_cut_short_is_400_code_4_and_logged_as_information_without_a_stack_trace()
    {
        var answer = await SendRawAsync(stream => stream.Socket.Shutdown(SocketShutdown.Send), """{"email":"a@b.co","pass""", 100);

        await AssertClientMistakeAsync(answer);
    }

    [Fact]
    public async Task A_body_that_arrives_too_slowly_is_400_code_4_or_closed_and_never_a_server_error()
    {
        var answer = await SendRawAsync(_ => Thread.Sleep(TimeSpan.FromSeconds(5)), """{"email":""", 1000);

        await AssertClientMistakeAsync(answer);
    }

    [Theory]
    [InlineData("GET", "/no/such/path", HttpStatusCode.NotFound)]
    [InlineData("POST", "/users/nothing", HttpStatusCode.NotFound)]
    [InlineData("GET", "/users/signup", HttpStatusCode.MethodNotAllowed)]
    [InlineData("DELETE", "/articles/publish", HttpStatusCode.MethodNotAllowed)]
    public async Task Unmatched_routes_and_wrong_methods_answer_the_envelope(string method, string path, HttpStatusCode status)
    {
        using var response = await _server.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var answer = await ApiResponse.ReadAsync(response);

        Assert.Equal((status, 4), (answer.Status, answer.Code));
        Assert.False(string.IsNullOrEmpty(answer.Msg));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData(null)]
    public async Task A_body_sent_as_anything_but_json_is_400_code_4_in_the_envelope(string? contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/users/signup") { Content = new ByteArrayContent("email=a%40b.co"u8.ToArray()) };
        if (contentType is not null) request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        var answer = await ApiResponse.ReadAsync(await _server.CreateClient().SendAsync(request));

        Assert.Equal((HttpStatusCode.BadRequest, 4), (answer.Status, answer.Code));
        Assert.Contains("JSON", answer.Msg);
    }

    [Theory]
    [InlineData("GET", "/users/signup", "POST")]
    [InlineData("PUT", "/articles/pub/12", "GET")]
    [InlineData("POST", "/articles/hot", "GET")]
    public async Task A_wrong_method_names_the_methods_the_path_takes(string method, string path, string allowed)
    {
        using var response = await _server.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal([allowed], response.Content.Headers.Allow);
    }

    /// <summary>
    /// Kestrel may close a connection whose body it gave up on before the answer is read; when an answer
    /// arrives it is 400 code 4 and the handler logged one Information entry. Either way nothing of ours is
    /// logged as a failure (a warning, an error or a stack trace).
    /// </summary>
    private async Task AssertClientMistakeAsync(string answer)
    {
        if (answer.Length > 0)
        {
            Assert.StartsWith("HTTP/1.1 400", answer);
            Assert.Contains("\"code\":4", answer);
            for (var i = 0; i < 50 && !_server.Logs.Entries.Any(IsClientFaultEntry); i++) await Task.Delay(100);
            Assert.Contains(_server.Logs.Entries, IsClientFaultEntry);
        }
        Assert.DoesNotContain(_server.Logs.Entries,
            e => e.Category.StartsWith("Webook", StringComparison.Ordinal) && (e.Level >= LogLevel.Warning || e.Exception is not null));
    }

    private static bool IsClientFaultEntry(LogEntry e) => e.Category == "Webook.Core.Http.HandlerGuard" && e.Level == LogLevel.Information;

    /// <summary>A signup whose headers promise <paramref name="contentLength"/> bytes, of which only <paramref name="partialBody"/> is sent before <paramref name="then"/>.</summary>
    private async Task<string> SendRawAsync(Action<NetworkStream> then, string partialBody, int contentLength)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_server.BaseAddress.Host, _server.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = $"POST /users/signup HTTP/1.1\r\nHost: {_server.BaseAddress.Authority}\r\nContent-Type: application/json\r\n" +
                   $"Content-Length: {contentLength}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + partialBody));
        then(stream);
        stream.ReadTimeout = 30_000;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        try
        {
            return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (IOException)
        {
            return "";
        }
    }
}
