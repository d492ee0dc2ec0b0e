namespace Webook.Core.Http;

internal sealed class BodyTooLargeException() : IOException("The request body is too large.");

/// <summary>Stops reading a body once it passes a byte limit, for bodies sent without Content-Length.</summary>
internal sealed class LengthLimitedStream(Stream inner, long maxBytes) : Stream
{
    private long _read;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var count = await inner.ReadAsync(buffer, cancellationToken);
        return Count(count);
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    private int Count(int count)
    {
        _read += count;
        if (_read > maxBytes) throw new BodyTooLargeException();
        return count;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
