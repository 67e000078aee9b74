namespace RagPlatform.Infrastructure.Imaging;

/// <summary>Decoded pixels: 8-bit R, G, B, A per pixel (not premultiplied), rows top to bottom,
/// no padding between rows.</summary>
internal sealed class RgbaRaster
{
    public RgbaRaster(int width, int height)
        : this(width, height, new byte[checked(width * height * 4)])
    {
    }

    public RgbaRaster(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (pixels.Length != (long)width * height * 4)
        {
            throw new ArgumentException($"A {width} × {height} RGBA raster needs {(long)width * height * 4} bytes, not {pixels.Length}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Pixels { get; }

    /// <summary>Bytes per row.</summary>
    public int Stride => Width * 4;

    /// <summary>A copy of a rectangle of this raster.</summary>
    public RgbaRaster Crop(int left, int top, int width, int height)
    {
        if (left < 0 || top < 0 || left + width > Width || top + height > Height)
        {
            throw new ArgumentOutOfRangeException(nameof(left), $"The crop {left},{top} {width} × {height} is outside the {Width} × {Height} raster.");
        }

        var cropped = new RgbaRaster(width, height);
        for (var y = 0; y < height; y++)
        {
            Pixels.AsSpan(((top + y) * Width + left) * 4, width * 4).CopyTo(cropped.Pixels.AsSpan(y * width * 4));
        }

        return cropped;
    }
}
