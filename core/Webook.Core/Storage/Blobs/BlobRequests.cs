using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Webook.Core.Storage.Blobs;

internal static class BlobRequests
{
    public const string ApiVersion = "2021-12-02";

    public static HttpMessage Message(HttpPipeline pipeline, RequestMethod method, Uri uri)
    {
        var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.SetValue("x-ms-version", ApiVersion);
        return message;
    }

    public static async Task<Response> SendAsync(HttpPipeline pipeline, HttpMessage message, CancellationToken cancellationToken)
    {
        await pipeline.SendAsync(message, cancellationToken);
        return message.Response;
    }

    public static RequestFailedException Error(Response response)
    {
        var (code, message) = StorageRequestFailure.Describe(response);
        return response.Status == 404
            ? new BlobNotFoundException(message, code)
            : new RequestFailedException(response.Status, message, code, null);
    }

    public static Response ThrowIfError(Response response) => response.IsError ? throw Error(response) : response;
}
