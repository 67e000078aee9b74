using NetVips;
using RagPlatform.Core.Documents;
using Region = RagPlatform.Core.Documents.Region;

namespace RagPlatform.Infrastructure.Imaging;

/// <summary>Crops and thumbnails for display with libvips, which never holds a whole large image:
/// <c>thumbnail_buffer</c> shrinks on load where the format allows (JPEG in the DCT, WebP) and streams
/// the rest line by line (a 9990 × 9990 PNG becomes 256 px in a few MB instead of 400 MB of pixels).
/// Crops stream too: a sequential load, the region cut out, then scaled. As the Skia transformer: EXIF
/// orientation applied, transparency laid on white, never scaled up, PNG out. A file libvips cannot
/// read (a format without its loader on this machine) goes to <paramref name="fallback"/>.</summary>
internal sealed class VipsImageTransformer(IImageTransformer fallback) : IImageTransformer
{
    // zlib level 3: derived images are written once and read many times, but level 6 costs three
    // times the CPU for a few percent.
    private const int PngCompression = 3;

    private static readonly double[] White = [255, 255, 255];

    static VipsImageTransformer()
    {
        // libvips' operation cache would keep recent images (and the buffers they were loaded from)
        // alive after a request; each render here is made once and then stored, so cache nothing.
        Cache.Max = 0;
    }

    public Task<EncodedImage> ThumbnailAsync(ReadOnlyMemory<byte> image, int maxSide, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSide);
        var buffer = image.ToArray();
        return OrFallbackAsync(
            () =>
            {
                using var thumbnail = Image.ThumbnailBuffer(buffer, maxSide, height: maxSide, size: Enums.Size.Down);
                return Encode(thumbnail, cancellationToken);
            },
            () => fallback.ThumbnailAsync(image, maxSide, cancellationToken),
            cancellationToken);
    }

    public Task<EncodedImage> CropAsync(ReadOnlyMemory<byte> image, Region region, int maxSide, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSide);
        var buffer = image.ToArray();
        return OrFallbackAsync(
            () =>
            {
                var clamped = region.ClampToPage();
                if (clamped.Width <= 0 || clamped.Height <= 0)
                {
                    throw new ArgumentException($"The region {region} lies outside the image.", nameof(region));
                }

                using var upright = LoadUpright(buffer);
                var left = Math.Clamp((int)Math.Floor(clamped.X * upright.Width), 0, upright.Width - 1);
                var top = Math.Clamp((int)Math.Floor(clamped.Y * upright.Height), 0, upright.Height - 1);
                var right = Math.Clamp((int)Math.Ceiling(clamped.Right * upright.Width), left + 1, upright.Width);
                var bottom = Math.Clamp((int)Math.Ceiling(clamped.Bottom * upright.Height), top + 1, upright.Height);
                using var crop = upright.ExtractArea(left, top, right - left, bottom - top);
                using var scaled = crop.ThumbnailImage(maxSide, height: maxSide, size: Enums.Size.Down);
                return Encode(scaled, cancellationToken);
            },
            () => fallback.CropAsync(image, region, maxSide, cancellationToken),
            cancellationToken);
    }

    public Task<(int Width, int Height)> MeasureAsync(ReadOnlyMemory<byte> image, CancellationToken cancellationToken)
    {
        try
        {
            // Opening reads the header only; pixels are decoded when something asks for them.
            using var header = Image.NewFromBuffer(image.ToArray(), access: Enums.Access.Sequential);
            return Task.FromResult(SwapsSides(header) ? (header.Height, header.Width) : (header.Width, header.Height));
        }
        catch (VipsException)
        {
            return fallback.MeasureAsync(image, cancellationToken);
        }
    }

    private static async Task<EncodedImage> OrFallbackAsync(Func<EncodedImage> render, Func<Task<EncodedImage>> fallbackRender, CancellationToken cancellationToken)
    {
        try
        {
            return await Task.Run(render, cancellationToken).ConfigureAwait(false);
        }
        catch (VipsException) when (!cancellationToken.IsCancellationRequested)
        {
            return await fallbackRender().ConfigureAwait(false);
        }
    }

    /// <summary>Sequential (streamed) unless the EXIF orientation turns the image, which needs the
    /// whole of it.</summary>
    private static Image LoadUpright(byte[] buffer)
    {
        var image = Image.NewFromBuffer(buffer, access: Enums.Access.Sequential);
        if (!image.Contains("orientation") || image.Get("orientation") is not int orientation || orientation <= 1)
        {
            return image;
        }

        image.Dispose();
        using var random = Image.NewFromBuffer(buffer);
        return random.Autorot();
    }

    private static bool SwapsSides(Image image) =>
        image.Contains("orientation") && image.Get("orientation") is int orientation && orientation is >= 5 and <= 8;

    private static EncodedImage Encode(Image image, CancellationToken cancellationToken)
    {
        // 8-bit sRGB whatever came in (grey, 16-bit, CMYK), as the Skia transformer writes.
        using var srgb = image.Colourspace(Enums.Interpretation.Srgb);
        using var opaque = srgb.HasAlpha() ? srgb.Flatten(background: White) : srgb.Copy();
        opaque.SetProgress(null, cancellationToken);
        var png = opaque.PngsaveBuffer(compression: PngCompression);
        cancellationToken.ThrowIfCancellationRequested();
        return new EncodedImage(png, "image/png", opaque.Width, opaque.Height);
    }
}
