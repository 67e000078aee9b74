using System.Runtime.InteropServices;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Imaging;

/// <summary>Turns a decoded raster upright from its EXIF orientation, with the same pixel moves as
/// Pillow's <c>ImageOps.exif_transpose</c>: 2 mirror, 3 rotate 180°, 4 flip, 5 transpose, 6 rotate
/// 90° clockwise, 7 transverse, 8 rotate 90° counter-clockwise.</summary>
internal static class ExifOrientation
{
    public static RgbaRaster Apply(RgbaRaster source, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft || (int)origin is < 1 or > 8)
        {
            return source;
        }

        var (w, h) = (source.Width, source.Height);
        var swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var result = swaps ? new RgbaRaster(h, w) : new RgbaRaster(w, h);
        var input = MemoryMarshal.Cast<byte, uint>(source.Pixels.AsSpan());
        var output = MemoryMarshal.Cast<byte, uint>(result.Pixels.AsSpan());

        for (var oy = 0; oy < result.Height; oy++)
        {
            for (var ox = 0; ox < result.Width; ox++)
            {
                // (ix, iy): the source pixel that lands at (ox, oy).
                var (ix, iy) = origin switch
                {
                    SKEncodedOrigin.TopRight => (w - 1 - ox, oy),
                    SKEncodedOrigin.BottomRight => (w - 1 - ox, h - 1 - oy),
                    SKEncodedOrigin.BottomLeft => (ox, h - 1 - oy),
                    SKEncodedOrigin.LeftTop => (oy, ox),
                    SKEncodedOrigin.RightTop => (oy, h - 1 - ox),
                    SKEncodedOrigin.RightBottom => (w - 1 - oy, h - 1 - ox),
                    SKEncodedOrigin.LeftBottom => (w - 1 - oy, ox),
                    _ => (ox, oy),
                };
                output[oy * result.Width + ox] = input[iy * w + ix];
            }
        }

        return result;
    }
}
