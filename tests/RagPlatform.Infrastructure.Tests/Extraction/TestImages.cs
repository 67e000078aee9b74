using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Extraction;

/// <summary>Image files made with SkiaSharp: a left half in one colour, a right half in another, so
/// that a decoded copy can be checked for orientation as well as size.</summary>
internal static class TestImages
{
    public static readonly SKColor Red = new(220, 30, 30);
    public static readonly SKColor Blue = new(30, 60, 220);

    public static byte[] TwoTone(int width, int height, SKEncodedImageFormat format, int quality = 90)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var left = new SKPaint { Color = Red };
            using var right = new SKPaint { Color = Blue };
            canvas.DrawRect(0, 0, width / 2f, height, left);
            canvas.DrawRect(width / 2f, 0, width - (width / 2f), height, right);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    public static SKBitmap Decode(ReadOnlyMemory<byte> bytes) =>
        SKBitmap.Decode(bytes.ToArray()) ?? throw new InvalidDataException("The image bytes do not decode.");

    /// <summary>Close enough for colours that went through JPEG compression.</summary>
    public static bool Near(SKColor actual, SKColor expected, int tolerance = 40) =>
        Math.Abs(actual.Red - expected.Red) <= tolerance &&
        Math.Abs(actual.Green - expected.Green) <= tolerance &&
        Math.Abs(actual.Blue - expected.Blue) <= tolerance;
}
