namespace RagPlatform.Infrastructure.Llm;

/// <summary>A response body whose every read gives up after <c>idleTimeout</c> without a byte,
/// with an <see cref="IOException"/> (inner <see cref="TimeoutException"/>), so a server that
/// stops sending halfway through a stream cannot hold its reader for ever. Reads end with an
/// <see cref="OperationCanceledException"/> as soon as their own token or the model call's
/// <see cref="CallerCancellation"/> is cancelled; cancelling a read aborts the connection.</summary>
internal sealed class StallGuardedStream(Stream inner, TimeSpan idleTimeout) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var caller = CallerCancellation.Current;
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, caller);
        stall.CancelAfter(idleTimeout);
        try
        {
            return await inner.ReadAsync(buffer, stall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException stopped) when (!cancellationToken.IsCancellationRequested)
        {
            caller.ThrowIfCancellationRequested();
            var message = $"The chat model sent nothing for {idleTimeout} ({ChatModelOptions.SectionName}:{nameof(ChatModelOptions.AttemptTimeout)}); the response was abandoned.";
            throw new IOException(message, new TimeoutException(message, stopped));
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous readers get the same bound; a chat response is read by one thread at a time.
    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
