using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>A line of text the tests drew, with the box its ink occupies, in pixels.</summary>
internal sealed record DrawnText(string Text, SKRect Bounds);

/// <summary>An image the tests drew and the text on it, in reading order.</summary>
internal sealed record OcrSample(string Name, SKBitmap Bitmap, IReadOnlyList<DrawnText> Lines)
{
    public int Width => Bitmap.Width;

    public int Height => Bitmap.Height;

    /// <summary>The reference text: the lines in reading order, one per line.</summary>
    public string Text => string.Join('\n', Lines.Select(line => line.Text));

    /// <summary>The same image upside down (turned by 180°), its lines' boxes turned with it.</summary>
    public OcrSample UpsideDown()
    {
        var turned = new SKBitmap(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(turned))
        {
            canvas.RotateDegrees(180, Width / 2f, Height / 2f);
            using var image = SKImage.FromBitmap(Bitmap);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        }

        var lines = Lines.Select(line => line with { Bounds = new SKRect(Width - line.Bounds.Right, Height - line.Bounds.Bottom, Width - line.Bounds.Left, Height - line.Bounds.Top) });
        return new OcrSample(Name + " upside down", turned, [.. lines]);
    }

    public byte[] Encode(SKEncodedImageFormat format = SKEncodedImageFormat.Png, int quality = 100)
    {
        using var image = SKImage.FromBitmap(Bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }
}

/// <summary>Draws text and shapes at known places, keeping track of the text.</summary>
internal sealed class OcrCanvas : IDisposable
{
    private readonly List<DrawnText> _lines = [];
    private readonly SKBitmap _bitmap;

    public OcrCanvas(int width, int height, SKColor background)
    {
        _bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, background.Alpha == 255 ? SKAlphaType.Opaque : SKAlphaType.Premul);
        Canvas = new SKCanvas(_bitmap);
        Canvas.Clear(background);
    }

    public SKCanvas Canvas { get; }

    /// <summary>Draws one line with its baseline's left end at (x, baseline); returns its ink box.</summary>
    public SKRect Text(string text, float x, float baseline, SKTypeface typeface, float size, SKColor colour, bool record = true)
    {
        using var font = new SKFont(typeface, size) { Edging = SKFontEdging.Antialias, Hinting = SKFontHinting.Normal, Subpixel = true };
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        Canvas.DrawText(text, x, baseline, SKTextAlign.Left, font, paint);
        font.MeasureText(text, out var bounds, paint);
        bounds.Offset(x, baseline);
        if (record)
        {
            _lines.Add(new DrawnText(text, bounds));
        }

        return bounds;
    }

    /// <summary>Width the text takes when drawn.</summary>
    public static float Measure(string text, SKTypeface typeface, float size)
    {
        using var font = new SKFont(typeface, size) { Edging = SKFontEdging.Antialias, Hinting = SKFontHinting.Normal, Subpixel = true };
        return font.MeasureText(text);
    }

    public void Rectangle(SKRect rectangle, SKColor colour)
    {
        using var paint = new SKPaint { Color = colour, IsAntialias = false };
        Canvas.DrawRect(rectangle, paint);
    }

    public void Line(float x0, float y0, float x1, float y1, SKColor colour, float width = 1)
    {
        using var paint = new SKPaint { Color = colour, StrokeWidth = width, IsAntialias = false, Style = SKPaintStyle.Stroke };
        Canvas.DrawLine(x0, y0, x1, y1, paint);
    }

    /// <summary>The finished image; its lines in the order they were drawn, which the samples
    /// keep to reading order.</summary>
    public OcrSample Finish(string name)
    {
        Canvas.Flush();
        return new OcrSample(name, _bitmap, [.. _lines]);
    }

    public void Dispose() => Canvas.Dispose();
}
