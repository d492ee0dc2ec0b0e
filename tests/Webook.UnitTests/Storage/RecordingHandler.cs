using System.Net;

namespace Webook.UnitTests.Storage;

/// <summary>An HTTP handler that keeps the requests it gets and answers each with a fixed status.</summary>
public sealed class RecordingHandler(HttpStatusCode status = HttpStatusCode.NoContent) : HttpMessageHandler
{
    public List<HttpRequestMessage> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        return Task.FromResult(new HttpResponseMessage(status) { Content = new ByteArrayContent([]) });
    }
}
