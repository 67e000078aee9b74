using System.Buffers;
using RagPlatform.Core.Documents;

namespace RagPlatform.Vectors.Embedded.Files;

/// <summary>Appends records to one generation's log at a known intact end, in large writes. Only
/// under the folder's lock: it first cuts off whatever lies past <c>end</c> (the torn tail of a
/// writer that died), and <see cref="CommitAsync"/> flushes to disk before the lock is let go, so
/// what a reader sees complete is durable.</summary>
internal sealed class VectorLogWriter : IAsyncDisposable
{
    private const int BufferBytes = 1 << 20;

    private readonly FileStream _stream;
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
    private int _used;

    private VectorLogWriter(FileStream stream) => _stream = stream;

    public long Position => _stream.Position + _used;

    public static VectorLogWriter Open(string path, long end)
    {
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
        if (stream.Length > end)
        {
            stream.SetLength(end);
        }

        stream.Position = end;
        return new VectorLogWriter(stream);
    }

    /// <summary>Buffers a record; a full buffer goes to the file (the stream is synchronous: the
    /// file is local and the writes are large and sequential).</summary>
    public void AppendUpsert(Guid itemId, Guid documentId, Modality modality, ReadOnlySpan<float> vector)
    {
        EnsureRoom(VectorLogFormat.RecordBytes(vector.Length));
        _used += VectorLogFormat.WriteUpsert(_buffer.AsSpan(_used), itemId, documentId, modality, vector);
    }

    public void AppendDeleteDocument(Guid documentId)
    {
        EnsureRoom(VectorLogFormat.HeaderBytes);
        _used += VectorLogFormat.WriteDeleteDocument(_buffer.AsSpan(_used), documentId);
    }

    /// <summary>Writes what is buffered and flushes it to the disk.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_used > 0)
        {
            await _stream.WriteAsync(_buffer.AsMemory(0, _used), cancellationToken);
            _used = 0;
        }

        _stream.Flush(flushToDisk: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        ArrayPool<byte>.Shared.Return(_buffer);
    }

    private void EnsureRoom(int length)
    {
        if (length > _buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"A record of {length} bytes exceeds the write buffer.");
        }

        if (_used + length > _buffer.Length)
        {
            _stream.Write(_buffer, 0, _used);
            _used = 0;
        }
    }
}
