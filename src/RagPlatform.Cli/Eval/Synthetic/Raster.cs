using System.Runtime.CompilerServices;
using SkiaSharp;

namespace RagPlatform.Cli.Eval.Synthetic;

/// <summary>Draws, encodes and re-encodes the dataset's images. Everything is drawn at 1x: one image
/// pixel per CSS pixel, as a screenshot of an ordinary monitor is.</summary>
internal static class Raster
{
    /// <summary>The text lines drawn on each canvas that <see cref="Draw"/> paints.</summary>
    private static readonly ConditionalWeakTable<SKCanvas, List<string>> TextDrawn = [];

    public static Drawing Draw(int width, int height, Action<SKCanvas> paint, SKEncodedImageFormat format = SKEncodedImageFormat.Png, int quality = 90)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var lines = new List<string>();
        using (var canvas = new SKCanvas(bitmap))
        {
            TextDrawn.Add(canvas, lines);
            canvas.Clear(SKColors.White);
            paint(canvas);
            TextDrawn.Remove(canvas);
        }

        return new Drawing(Encode(bitmap, format, quality), lines);
    }

    /// <summary>The same pixels in another format or quality (a JPEG of a PNG chart: new bytes, new
    /// artefacts, the same picture).</summary>
    public static byte[] Reencode(byte[] encoded, SKEncodedImageFormat format, int quality)
    {
        using var bitmap = SKBitmap.Decode(encoded);
        return Encode(bitmap, format, quality);
    }

    /// <summary>The picture resized by <paramref name="factor"/> (bilinear with mipmaps).</summary>
    public static byte[] Scale(byte[] encoded, double factor, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = SKBitmap.Decode(encoded);
        var size = new SKSizeI((int)Math.Round(bitmap.Width * factor), (int)Math.Round(bitmap.Height * factor));
        using var scaled = bitmap.Resize(size, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        return Encode(scaled, format, 90);
    }

    public static (int Width, int Height) SizeOf(byte[] encoded)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(encoded));
        return (codec.Info.Width, codec.Info.Height);
    }

    /// <summary>Draws a line of text with its baseline at <paramref name="y"/>, and records it for the
    /// drawing's transcript when it is upright or turned a quarter either way (a chart's vertical
    /// axis title), the orientations the platform's OCR reads.</summary>
    public static void Text(SKCanvas canvas, string text, float x, float y, float size, SKColor colour, SKTypeface? typeface = null, SKTextAlign align = SKTextAlign.Left)
    {
        using var font = new SKFont(typeface ?? Typefaces.Sans, size) { Edging = SKFontEdging.Antialias, Subpixel = true };
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        canvas.DrawText(text, x, y, align, font, paint);
        var m = canvas.TotalMatrix;
        var upright = m.SkewX == 0 && m.SkewY == 0 && m.ScaleX > 0 && m.ScaleY > 0;
        var quarterTurned = Math.Abs(m.ScaleX) < 1e-6 && Math.Abs(m.ScaleY) < 1e-6 && Math.Sign(m.SkewX) == -Math.Sign(m.SkewY) && m.SkewX != 0;
        if (TextDrawn.TryGetValue(canvas, out var lines) && (upright || quarterTurned))
        {
            lines.Add(text);
        }
    }

    public static float Width(string text, float size, SKTypeface? typeface = null)
    {
        using var font = new SKFont(typeface ?? Typefaces.Sans, size);
        return font.MeasureText(text);
    }

    public static void Fill(SKCanvas canvas, SKRect rect, SKColor colour, float radius = 0)
    {
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        canvas.DrawRoundRect(rect, radius, radius, paint);
    }

    public static void Stroke(SKCanvas canvas, SKRect rect, SKColor colour, float width = 1, float radius = 0)
    {
        using var paint = new SKPaint { Color = colour, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width };
        canvas.DrawRoundRect(rect, radius, radius, paint);
    }

    public static void Polygon(SKCanvas canvas, SKColor colour, params SKPoint[] points)
    {
        using var builder = new SKPathBuilder();
        builder.AddPoly(points, close: true);
        using var path = builder.Detach();
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        canvas.DrawPath(path, paint);
    }

    public static void Line(SKCanvas canvas, float x0, float y0, float x1, float y1, SKColor colour, float width = 1)
    {
        using var paint = new SKPaint { Color = colour, IsAntialias = true, StrokeWidth = width, Style = SKPaintStyle.Stroke };
        canvas.DrawLine(x0, y0, x1, y1, paint);
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }
}
