using System.Net;
using System.Net.Http.Headers;
using Azure.Core.Pipeline;

namespace Webook.UnitTests.Storage;

/// <summary>An HTTP handler that keeps the requests it gets and answers each with a fixed status, body and headers.</summary>
public sealed class RecordingHandler(HttpStatusCode status = HttpStatusCode.NoContent, string body = "", string? contentType = null,
    params (string Name, string Value)[] headers) : HttpMessageHandler
{
    public List<HttpRequestMessage> Requests { get; } = [];
    public List<string> Bodies { get; } = [];

    public HttpClientTransport Transport => new(new HttpClient(this));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        Bodies.Add(request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken));
        var content = new StringContent(body);
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        var response = new HttpResponseMessage(status) { Content = content };
        foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }
}
