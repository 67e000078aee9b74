using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RagPlatform.Infrastructure.Imaging;

/// <summary>Decodes images for the readers of one ingestion (OCR, then CLIP) so that a file is
/// decoded once: a reader that <see cref="Share">shares</see> its pixels leaves them for the next
/// reader of the same bytes, which <see cref="Decode">takes</see> them instead of decoding again.
/// Keyed by the identity of the bytes (the array, offset and length), never by their content: two
/// uploads with equal bytes share nothing. Shared pixels live at most as long as the file's bytes
/// (a <see cref="ConditionalWeakTable{TKey, TValue}"/> keeps a value only while its key lives: the
/// ingestion of that file), and are given out once, so repeated requests for one file (a
/// benchmark's, a retry's) decode afresh; one copy per file at most (sharing again replaces it).
/// They were held weakly before, and a collection between the two readers (any allocation on
/// another thread can start one) made the second decode again. Thread-safe.</summary>
internal sealed class DecodedImages
{
    // Per array, the pixels left for its slices (usually one: the whole array is the file).
    private readonly ConditionalWeakTable<byte[], List<Left>> _left = [];
    private long _decodes;

    /// <summary>Full decodes done here (a seam for tests of decode-once).</summary>
    public long Decodes => Interlocked.Read(ref _decodes);

    /// <summary>The image's pixels: those another reader shared for these very bytes, else a fresh
    /// decode by <paramref name="decoder"/> (the reader's own, with its own size limit) that is not shared.</summary>
    public DecodedImage Decode(SkiaImageDecoder decoder, ReadOnlyMemory<byte> file) => TakeShared(decoder, file) ?? DecodeNow(decoder, file);

    /// <summary>Decodes (or takes shared pixels) and leaves the result for the next reader of the
    /// same bytes.</summary>
    public DecodedImage Share(SkiaImageDecoder decoder, ReadOnlyMemory<byte> file)
    {
        var image = Decode(decoder, file);
        if (MemoryMarshal.TryGetArray(file, out var segment) && segment.Array is { } array)
        {
            var left = _left.GetOrCreateValue(array);
            lock (left)
            {
                left.RemoveAll(entry => entry.Offset == segment.Offset && entry.Length == segment.Count);
                left.Add(new Left(segment.Offset, segment.Count, image));
            }
        }

        return image;
    }

    private DecodedImage? TakeShared(SkiaImageDecoder decoder, ReadOnlyMemory<byte> file)
    {
        if (!MemoryMarshal.TryGetArray(file, out var segment) || segment.Array is not { } array || !_left.TryGetValue(array, out var left))
        {
            return null;
        }

        DecodedImage image;
        lock (left)
        {
            // Given out once.
            var index = left.FindIndex(entry => entry.Offset == segment.Offset && entry.Length == segment.Count);
            if (index < 0)
            {
                return null;
            }

            image = left[index].Pixels;
            left.RemoveAt(index);
        }

        // Never past this reader's own size limit, which its decode reports in its own words.
        return (long)image.Width * image.Height <= decoder.MaxPixels ? image : null;
    }

    private DecodedImage DecodeNow(SkiaImageDecoder decoder, ReadOnlyMemory<byte> file)
    {
        var image = decoder.Decode(file.Span);
        Interlocked.Increment(ref _decodes);
        return image;
    }

    private sealed record Left(int Offset, int Length, DecodedImage Pixels);
}
