using RagPlatform.Infrastructure.Imaging;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>Which pixels of a plot are dark ink, for the checks that read an image's pixels beside
/// the networks (<see cref="MinusSigns"/>, <see cref="FrameStrips"/>): labels and axes are dark on a light ground.</summary>
internal static class DarkInk
{
    /// <summary>Pixels darker than this (0-255, the mean of R, G and B) are ink.</summary>
    public const int Threshold = 160;

    /// <summary>Whether the RGBA pixel at <paramref name="offset"/> (its first byte) is dark.</summary>
    public static bool IsDark(byte[] pixels, int offset) => pixels[offset] + pixels[offset + 1] + pixels[offset + 2] < 3 * Threshold;

    public static bool IsDark(RgbaRaster raster, int x, int y) => IsDark(raster.Pixels, (y * raster.Stride) + (x * 4));
}
