using System.Runtime.InteropServices;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Imaging;

/// <summary>Decodes PNG, JPEG, WebP, GIF (first frame) and BMP with Skia into an upright, opaque
/// RGBA raster: EXIF orientation applied like Pillow's <c>exif_transpose</c>, transparency
/// composited on white. Colours are the file's own values (no ICC conversion), as Pillow gives
/// them. Anything that is not such an image, or is damaged, is a <see cref="DocumentRejectedException"/>
/// whose message says what is wrong in plain words. Thread-safe.</summary>
internal sealed class SkiaImageDecoder
{
    public SkiaImageDecoder(long maxPixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPixels);
        MaxPixels = maxPixels;
    }

    /// <summary>Images with more pixels than this are rejected before any pixel is decoded.</summary>
    public long MaxPixels { get; }

    /// <summary>Decodes every pixel, as the CLIP reference does.</summary>
    public DecodedImage Decode(ReadOnlySpan<byte> file) => Decode(file, minimumLongSide: 0);

    /// <summary>Decodes for display: formats that can decode at a reduced scale (JPEG: 1/2 to 1/8,
    /// in the DCT) do so while the long side stays at least <paramref name="minimumLongSide"/>.
    /// The whole file is still read, so damage is found just the same.</summary>
    public DecodedImage Decode(ReadOnlySpan<byte> file, int minimumLongSide)
    {
        var format = DetectFormat(file);
        using var data = SKData.CreateCopy(file);
        using var stream = new SKMemoryStream(data);
        using var codec = SKCodec.Create(stream, out var openResult)
            ?? throw new DocumentRejectedException(DescribeOpenFailure(format, openResult));

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        CheckSize(format, width, height);
        if (minimumLongSide > 0 && minimumLongSide < Math.Max(width, height))
        {
            var scaled = codec.GetScaledDimensions((float)minimumLongSide / Math.Max(width, height));
            if (scaled.Width >= 1 && scaled.Height >= 1 && Math.Max(scaled.Width, scaled.Height) >= minimumLongSide)
            {
                (width, height) = (scaled.Width, scaled.Height);
            }
        }

        // No colour space on the target: Skia then hands over the stored values untouched.
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var raster = new RgbaRaster(width, height);
        var handle = GCHandle.Alloc(raster.Pixels, GCHandleType.Pinned);
        SKCodecResult result;
        try
        {
            result = codec.GetPixels(info, handle.AddrOfPinnedObject(), raster.Stride, new SKCodecOptions(0));
        }
        finally
        {
            handle.Free();
        }

        if (result != SKCodecResult.Success)
        {
            throw new DocumentRejectedException(DescribeDecodeFailure(format, result));
        }

        var upright = ExifOrientation.Apply(raster, codec.EncodedOrigin);
        if (codec.Info.AlphaType != SKAlphaType.Opaque)
        {
            WhiteBackground.Composite(upright);
        }

        return new DecodedImage(upright, format, PaletteModeProbe.IsPaletteWithoutTransparency(file, format));
    }

    /// <summary>The upright size in pixels, from the headers only (no pixel is decoded).</summary>
    public (int Width, int Height, string Format) ReadSize(ReadOnlySpan<byte> file)
    {
        var format = DetectFormat(file);
        using var data = SKData.CreateCopy(file);
        using var stream = new SKMemoryStream(data);
        using var codec = SKCodec.Create(stream, out var openResult)
            ?? throw new DocumentRejectedException(DescribeOpenFailure(format, openResult));
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        CheckSize(format, width, height);
        var swaps = codec.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or
            SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        return swaps ? (height, width, format) : (width, height, format);
    }

    private static string DetectFormat(ReadOnlySpan<byte> file)
    {
        if (file.IsEmpty)
        {
            throw new DocumentRejectedException("The file is empty.");
        }

        var detected = MediaTypeSniffer.Detect(file[..Math.Min(file.Length, MediaTypeSniffer.HeaderLength)]);
        if (detected is null || detected.Kind != DocumentKind.Image)
        {
            throw new DocumentRejectedException(
                $"The file is not an image in a supported format ({MediaTypeSniffer.SupportedImageFormats}).");
        }

        return detected.Extension switch
        {
            "jpg" => "JPEG",
            "webp" => "WebP",
            var extension => extension.ToUpperInvariant(),
        };
    }

    private void CheckSize(string format, int width, int height)
    {
        var pixels = (long)width * height;
        if (width <= 0 || height <= 0)
        {
            throw new DocumentRejectedException($"The {format} file declares an empty image ({width} × {height} pixels).");
        }

        if (pixels > MaxPixels)
        {
            throw new DocumentRejectedException(
                $"The image is {width} × {height} pixels ({Megapixels(pixels)} megapixels); the limit is {Megapixels(MaxPixels)} megapixels.");
        }
    }

    private static string Megapixels(long pixels) =>
        (pixels / 1_000_000.0).ToString(pixels < 10_000_000 ? "0.#" : "0", System.Globalization.CultureInfo.InvariantCulture);

    private static string DescribeOpenFailure(string format, SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => $"The {format} file is truncated: it ends before its header is complete.",
        SKCodecResult.Unimplemented => $"The {format} file is damaged or uses a feature that is not supported.",
        _ => $"The {format} file is damaged: its header cannot be read.",
    };

    private static string DescribeDecodeFailure(string format, SKCodecResult result) => result switch
    {
        SKCodecResult.IncompleteInput => $"The {format} file is truncated: it ends before all of its pixels.",
        SKCodecResult.ErrorInInput => $"The {format} file is damaged: its image data contains errors.",
        SKCodecResult.InvalidInput => $"The {format} file is damaged: its image data cannot be read.",
        SKCodecResult.Unimplemented => $"The {format} file is damaged or uses a feature that is not supported.",
        _ => $"The {format} file cannot be decoded ({result}).",
    };
}
