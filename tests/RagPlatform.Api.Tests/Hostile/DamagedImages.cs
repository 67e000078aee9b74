using System.Buffers.Binary;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Infrastructure.Tests.Extraction;
using SkiaSharp;

namespace RagPlatform.Api.Tests.Hostile;

/// <summary>JPEG, WebP, GIF and BMP files: a real encoder's output cut and bit-flipped, and headers
/// that declare sizes, tables and lengths the data does not have.</summary>
internal static class DamagedImages
{
    public static IEnumerable<MalformedFile> Make(Random random) =>
        Jpegs(random).Concat(WebPs(random)).Concat(Gifs(random)).Concat(Bmps(random));

    private static IEnumerable<MalformedFile> Jpegs(Random random)
    {
        var real = SampleImages.SunsetJpeg();
        foreach (var cut in Damage.CutOffsets(random, real.Length, 8))
        {
            yield return new("jpeg/truncated", $"jpeg-cut-at-{cut}.jpg", Damage.Truncate(real, cut));
        }

        for (var i = 0; i < 6; i++)
        {
            yield return new("jpeg/flipped", $"jpeg-flipped-{i}.jpg", Damage.Flip(random, real, 1 + (i * 9)));
        }

        // Start of frame (FF C0): length, precision, then height and width, big-endian.
        var frame = FindMarker(real, 0xC0);
        byte[] Sized(ushort height, ushort width)
        {
            var copy = (byte[])real.Clone();
            BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(frame + 5), height);
            BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(frame + 7), width);
            return copy;
        }

        yield return new("jpeg/lies", "jpeg-declared-65535x65535.jpg", Sized(65535, 65535));
        yield return new("jpeg/lies", "jpeg-declared-zero-height.jpg", Sized(0, 400));
        yield return new("jpeg/lies", "jpeg-declared-zero-width.jpg", Sized(300, 0));
        yield return new("jpeg/lies", "jpeg-components-255.jpg", Damage.Overwrite(real, frame + 9, 1, _ => 255));
        yield return new("jpeg/lies", "jpeg-no-end-marker.jpg", real[..^2]);
        yield return new("jpeg/lies", "jpeg-zip-appended.jpg", [.. real, .. OfficeSamples.Docx("appended", "zip")]);
        yield return new("jpeg/lies", "jpeg-only-markers.jpg", [0xFF, 0xD8, .. Enumerable.Repeat((byte)0xFF, 5000), 0xFF, 0xD9]);
    }

    private static IEnumerable<MalformedFile> WebPs(Random random)
    {
        using var bitmap = SKBitmap.Decode(SampleImages.BarChartPng());
        var lossy = bitmap.Encode(SKEncodedImageFormat.Webp, 80).ToArray();
        var lossless = bitmap.Encode(SKEncodedImageFormat.Webp, 100).ToArray();
        foreach (var (kind, real) in new[] { ("lossy", lossy), ("lossless", lossless) })
        {
            foreach (var cut in Damage.CutOffsets(random, real.Length, 6).Where(c => c >= 12))
            {
                yield return new("webp/truncated", $"webp-{kind}-cut-at-{cut}.webp", Damage.Truncate(real, cut));
            }

            yield return new("webp/flipped", $"webp-{kind}-flipped.webp", Damage.Flip(random, real, 12, keep: 20));
            var riffLie = (byte[])real.Clone();
            BinaryPrimitives.WriteUInt32LittleEndian(riffLie.AsSpan(4), uint.MaxValue - 1);
            yield return new("webp/lies", $"webp-{kind}-riff-size-4gb.webp", riffLie);
            var chunkLie = (byte[])real.Clone();
            BinaryPrimitives.WriteUInt32LittleEndian(chunkLie.AsSpan(16), 0x7FFFFFF0);
            yield return new("webp/lies", $"webp-{kind}-chunk-size-2gb.webp", chunkLie);
        }

        // An extended header (VP8X) declaring a 16777216² canvas in front of the small real frame.
        var vp8x = new byte[18];
        "VP8X"u8.CopyTo(vp8x);
        BinaryPrimitives.WriteUInt32LittleEndian(vp8x.AsSpan(4), 10);
        vp8x.AsSpan(12, 6).Fill(0xFF);
        byte[] body = [.. "WEBP"u8.ToArray(), .. vp8x, .. lossy[12..]];
        var canvas = new byte[8 + body.Length];
        "RIFF"u8.CopyTo(canvas);
        BinaryPrimitives.WriteUInt32LittleEndian(canvas.AsSpan(4), (uint)body.Length);
        body.CopyTo(canvas, 8);
        yield return new("webp/lies", "webp-canvas-16777216-square.webp", canvas);
    }

    private static IEnumerable<MalformedFile> Gifs(Random random)
    {
        var pixels = PngWriter.RandomBytes(random, 64 * 48);
        yield return new("gif/odd-format", "gif-64x48.gif", GifWriter.Write(64, 48, 64, 48, pixels));
        yield return new("gif/lies", "gif-screen-65535-square.gif", GifWriter.Write(65535, 65535, 64, 48, pixels));
        yield return new("gif/lies", "gif-frame-65535-square.gif", GifWriter.Write(64, 48, 65535, 65535, pixels));
        yield return new("gif/lies", "gif-zero-size.gif", GifWriter.Write(0, 0, 0, 0, []));
        yield return new("gif/lies", "gif-frame-outside-screen.gif", GifWriter.Write(16, 16, 64, 48, pixels));
        var good = GifWriter.Write(64, 48, 64, 48, pixels);
        yield return new("gif/lies", "gif-no-trailer.gif", good[..^1]);
        yield return new("gif/lies", "gif-lzw-cut.gif", good[..(good.Length / 2)]);
        yield return new("gif/lies", "gif-lzw-random.gif", Damage.Overwrite(good, 800, good.Length - 801, _ => (byte)random.Next(256)));
        yield return new("gif/lies", "gif-lzw-code-size-12.gif", Damage.Overwrite(good, GifWriter.MinimumCodeSizeOffset, 1, _ => 12));
        yield return new("gif/lies", "gif-colour-table-cut.gif", good[..400]);
        yield return new("gif/lies", "gif-3000-frames.gif", GifWriter.Write(64, 48, 8, 8, pixels[..64], frames: 3000));
    }

    private static IEnumerable<MalformedFile> Bmps(Random random)
    {
        var pixels = PngWriter.RandomBytes(random, 64 * 48 * 3);
        yield return new("bmp/odd-format", "bmp-64x48.bmp", Bmp(64, 48, 24, pixels));
        yield return new("bmp/lies", "bmp-declared-1000000-square.bmp", Bmp(1_000_000, 1_000_000, 24, pixels));
        yield return new("bmp/lies", "bmp-negative-width.bmp", Bmp(-64, 48, 24, pixels));
        yield return new("bmp/lies", "bmp-height-int-min.bmp", Bmp(64, int.MinValue, 24, pixels));
        yield return new("bmp/lies", "bmp-zero-bits-per-pixel.bmp", Bmp(64, 48, 0, pixels));
        yield return new("bmp/lies", "bmp-pixels-past-end.bmp", Damage.Overwrite(Bmp(64, 48, 24, pixels), 10, 4, i => (byte)(i == 3 ? 0x7F : 0xFF)));
    }

    /// <summary>A BMP with a 40-byte info header; width and height as given, data as given.</summary>
    private static byte[] Bmp(int width, int height, short bitsPerPixel, byte[] data)
    {
        var bytes = new byte[54 + data.Length];
        "BM"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(2), bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(28), bitsPerPixel);
        data.CopyTo(bytes, 54);
        return bytes;
    }

    private static int FindMarker(byte[] jpeg, byte marker)
    {
        for (var i = 2; i < jpeg.Length - 1; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] == marker)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"No FF {marker:X2} marker in the JPEG.");
    }
}
