using Microsoft.Win32.SafeHandles;

namespace RagPlatform.Vectors.Embedded.Files;

/// <summary>Reads the intact records of a log file from an offset, in large sequential chunks.</summary>
internal static class VectorLogReader
{
    private const int ChunkBytes = 4 << 20;

    /// <summary>Passes every intact record from <paramref name="start"/> on to <paramref name="sink"/>
    /// and returns the offset after the last one: the file's length, or the start of a torn or
    /// damaged tail, which is left for the next writer to cut off.</summary>
    public static async Task<long> ReadAsync(SafeFileHandle file, long start, IVectorLogSink sink, CancellationToken cancellationToken)
    {
        var length = RandomAccess.GetLength(file);
        var buffer = new byte[ChunkBytes];
        var buffered = 0; // bytes in buffer, starting at file offset `position`
        var position = start;
        var fileOffset = start;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var consumed = Parse(buffer.AsSpan(0, buffered), sink, out var damaged);
            position += consumed;
            if (damaged)
            {
                return position;
            }

            // Keep the unparsed remainder (a record cut by the chunk boundary) at the front.
            Buffer.BlockCopy(buffer, consumed, buffer, 0, buffered - consumed);
            buffered -= consumed;
            if (fileOffset >= length)
            {
                return position; // what remains is a partial record: a torn tail or a write in progress
            }

            var needed = buffered >= VectorLogFormat.HeaderBytes ? VectorLogFormat.LengthOf(buffer) : 0;
            if (needed > buffer.Length)
            {
                Array.Resize(ref buffer, needed);
            }

            var read = await RandomAccess.ReadAsync(file, buffer.AsMemory(buffered), fileOffset, cancellationToken);
            if (read == 0)
            {
                return position;
            }

            buffered += read;
            fileOffset += read;
        }
    }

    /// <summary>Hands over the complete intact records at the front of <paramref name="data"/>;
    /// returns the bytes they span.</summary>
    private static int Parse(ReadOnlySpan<byte> data, IVectorLogSink sink, out bool damaged)
    {
        damaged = false;
        var offset = 0;
        while (data.Length - offset >= VectorLogFormat.HeaderBytes)
        {
            var rest = data[offset..];
            var length = VectorLogFormat.LengthOf(rest);
            if (length == 0)
            {
                damaged = true;
                return offset;
            }

            if (rest.Length < length)
            {
                return offset;
            }

            var record = rest[..length];
            if (!VectorLogFormat.IsIntact(record))
            {
                damaged = true;
                return offset;
            }

            if (VectorLogFormat.Op(record) == VectorLogFormat.Upsert)
            {
                sink.Upserted(VectorLogFormat.ItemId(record), VectorLogFormat.DocumentId(record), VectorLogFormat.ModalityOf(record), VectorLogFormat.Vector(record));
            }
            else
            {
                sink.DocumentDeleted(VectorLogFormat.DocumentId(record));
            }

            offset += length;
        }

        return offset;
    }
}
