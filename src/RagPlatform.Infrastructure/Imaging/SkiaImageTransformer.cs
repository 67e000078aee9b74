using System.Runtime.InteropServices;
using RagPlatform.Core.Documents;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Imaging;

/// <summary>Crops and thumbnails for display: decoded upright (EXIF orientation applied, as
/// browsers show it), regions taken in fractions of that upright image, scaled down with the
/// antialiased bicubic filter (never up), written as PNG.</summary>
internal sealed class SkiaImageTransformer(SkiaImageDecoder decoder) : IImageTransformer
{
    public Task<EncodedImage> CropAsync(ReadOnlyMemory<byte> image, Region region, int maxSide, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSide);
        return Task.Run(() =>
        {
            var clamped = region.ClampToPage();
            if (clamped.Width <= 0 || clamped.Height <= 0)
            {
                throw new ArgumentException($"The region {region} lies outside the image.", nameof(region));
            }

            // Decode just large enough that the region still has maxSide pixels on its long side.
            var needed = (int)Math.Min(int.MaxValue, Math.Ceiling(maxSide / Math.Min(clamped.Width, clamped.Height)));
            var decoded = decoder.Decode(image.Span, needed).Pixels;
            var left = Math.Clamp((int)Math.Floor(clamped.X * decoded.Width), 0, decoded.Width - 1);
            var top = Math.Clamp((int)Math.Floor(clamped.Y * decoded.Height), 0, decoded.Height - 1);
            var right = Math.Clamp((int)Math.Ceiling(clamped.Right * decoded.Width), left + 1, decoded.Width);
            var bottom = Math.Clamp((int)Math.Ceiling(clamped.Bottom * decoded.Height), top + 1, decoded.Height);
            cancellationToken.ThrowIfCancellationRequested();
            return EncodePng(Fit(decoded.Crop(left, top, right - left, bottom - top), maxSide));
        }, cancellationToken);
    }

    public Task<EncodedImage> ThumbnailAsync(ReadOnlyMemory<byte> image, int maxSide, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSide);
        return Task.Run(() => EncodePng(Fit(decoder.Decode(image.Span, maxSide).Pixels, maxSide)), cancellationToken);
    }

    public Task<(int Width, int Height)> MeasureAsync(ReadOnlyMemory<byte> image, CancellationToken cancellationToken)
    {
        var (width, height, _) = decoder.ReadSize(image.Span);
        return Task.FromResult((width, height));
    }

    internal static RgbaRaster Fit(RgbaRaster raster, int maxSide)
    {
        var longSide = Math.Max(raster.Width, raster.Height);
        if (longSide <= maxSide)
        {
            return raster;
        }

        var scale = (double)maxSide / longSide;
        var width = Math.Clamp((int)Math.Round(raster.Width * scale), 1, maxSide);
        var height = Math.Clamp((int)Math.Round(raster.Height * scale), 1, maxSide);
        return PillowResampler.ResizeBicubic(raster, width, height, PixelWindow.Whole(width, height));
    }

    internal static EncodedImage EncodePng(RgbaRaster raster)
    {
        var info = new SKImageInfo(raster.Width, raster.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var handle = GCHandle.Alloc(raster.Pixels, GCHandleType.Pinned);
        try
        {
            using var pixmap = new SKPixmap(info, handle.AddrOfPinnedObject(), raster.Stride);
            using var png = pixmap.Encode(SKEncodedImageFormat.Png, 100)
                ?? throw new InvalidOperationException($"Skia could not encode a {raster.Width} × {raster.Height} PNG.");
            return new EncodedImage(png.ToArray(), "image/png", raster.Width, raster.Height);
        }
        finally
        {
            handle.Free();
        }
    }
}
