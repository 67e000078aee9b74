using SkiaSharp;

namespace RagPlatform.Cli.Eval.Synthetic;

/// <summary>Desktop UI widgets at 1x with 10-14 px text, as a screenshot of an ordinary (not high-DPI)
/// monitor shows them: the hard case for OCR.</summary>
internal static class UiPainter
{
    public const float TitleBarHeight = 30;
    private static readonly SKColor Ink = new(0x20, 0x20, 0x20);
    private static readonly SKColor Border = new(0xA0, 0xA0, 0xA0);
    private static readonly SKColor Accent = new(0x1A, 0x73, 0xE8);

    public static void Window(SKCanvas canvas, float width, float height, string title)
    {
        Raster.Fill(canvas, new SKRect(0, 0, width, height), new SKColor(0xF3, 0xF3, 0xF3));
        Raster.Fill(canvas, new SKRect(0, 0, width, TitleBarHeight), new SKColor(0xE1, 0xE1, 0xE1));
        Raster.Line(canvas, 0, TitleBarHeight, width, TitleBarHeight, new SKColor(0xC8, 0xC8, 0xC8));
        Raster.Text(canvas, title, 12, 20, 13, Ink, Typefaces.Bold);
        SKColor[] dots = [new(0xFF, 0x5F, 0x57), new(0xFE, 0xBC, 0x2E), new(0x28, 0xC8, 0x40)];
        for (var i = 0; i < dots.Length; i++)
        {
            using var paint = new SKPaint { Color = dots[i], IsAntialias = true };
            canvas.DrawCircle(width - 20 - (i * 20), TitleBarHeight / 2, 6, paint);
        }

        Raster.Stroke(canvas, new SKRect(0.5f, 0.5f, width - 0.5f, height - 0.5f), Border);
    }

    public static void Label(SKCanvas canvas, string text, float x, float y, float size = 12, bool bold = false) =>
        Raster.Text(canvas, text, x, y, size, Ink, bold ? Typefaces.Bold : null);

    /// <summary>A label on the left and an input box holding <paramref name="value"/> on the right.</summary>
    public static void Field(SKCanvas canvas, string label, string value, float x, float y, float labelWidth, float boxWidth)
    {
        Label(canvas, label, x, y + 16);
        var box = new SKRect(x + labelWidth, y, x + labelWidth + boxWidth, y + 24);
        Raster.Fill(canvas, box, SKColors.White, 3);
        Raster.Stroke(canvas, box, Border, 1, 3);
        Raster.Text(canvas, value, box.Left + 6, y + 16, 12, new SKColor(0x44, 0x44, 0x44));
    }

    public static void Checkbox(SKCanvas canvas, string label, bool isChecked, float x, float y)
    {
        var box = new SKRect(x, y + 3, x + 14, y + 17);
        Raster.Fill(canvas, box, isChecked ? Accent : SKColors.White, 2);
        Raster.Stroke(canvas, box, isChecked ? Accent : Border, 1, 2);
        if (isChecked)
        {
            Raster.Line(canvas, x + 3, y + 10, x + 6, y + 14, SKColors.White, 2);
            Raster.Line(canvas, x + 6, y + 14, x + 11, y + 6, SKColors.White, 2);
        }

        Label(canvas, label, x + 22, y + 15);
    }

    public static void Dropdown(SKCanvas canvas, string label, string value, float x, float y, float labelWidth, float boxWidth)
    {
        Field(canvas, label, value, x, y, labelWidth, boxWidth);
        var right = x + labelWidth + boxWidth;
        Raster.Polygon(canvas, Ink, new SKPoint(right - 16, y + 10), new SKPoint(right - 8, y + 10), new SKPoint(right - 12, y + 15));
    }

    public static void Button(SKCanvas canvas, string text, float x, float y, float width, bool primary = false)
    {
        var box = new SKRect(x, y, x + width, y + 26);
        Raster.Fill(canvas, box, primary ? Accent : SKColors.White, 4);
        Raster.Stroke(canvas, box, primary ? Accent : Border, 1, 4);
        Raster.Text(canvas, text, box.MidX, y + 17, 12, primary ? SKColors.White : Ink, align: SKTextAlign.Center);
    }
}
