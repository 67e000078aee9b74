using System.Globalization;
using SkiaSharp;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>Images as a screen shows them at 1x, drawn with Skia: bar charts (an 18 px title, 10 px
/// tick labels, 11 px value and category labels, an 11 px legend) and application windows (11 px
/// menus, sidebars, form labels and buttons, a 10 px status bar), each with different words.</summary>
internal static class OcrScreenImages
{
    private const string FontFolder = "/usr/share/fonts/truetype/dejavu";

    private static readonly Lazy<SKTypeface> Sans = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> Bold = new(() => Load("DejaVuSans-Bold.ttf"));

    public static OcrBenchImage Chart(int index, OcrBenchVocabulary words)
    {
        using var canvas = new Drawing(640, 400, SKColors.White);
        var grey = new SKColor(90, 90, 90);
        canvas.Text(words.Title(4), 120, 34, Bold.Value, 18, new SKColor(30, 30, 30));
        canvas.Rect(new SKRect(470, 52, 480, 62), new SKColor(66, 133, 244));
        canvas.Text(words.Title(1) + " " + words.Number(2015, 2026).ToString(CultureInfo.InvariantCulture), 486, 62, Sans.Value, 11, grey);

        var top = words.Pick([500, 1000, 2000, 5000]);
        for (var i = 0; i < 5; i++)
        {
            var y = 80 + (i * 65);
            canvas.Line(70, y, 600, y, new SKColor(225, 225, 225));
            var tick = (top - (i * top / 4)).ToString(CultureInfo.InvariantCulture);
            canvas.Text(tick, 62 - Drawing.Measure(tick, Sans.Value, 10), y + 4, Sans.Value, 10, grey);
        }

        canvas.Line(70, 80, 70, 340, new SKColor(60, 60, 60));
        canvas.Line(70, 340, 600, 340, new SKColor(60, 60, 60));
        SKColor[] colours = [new(66, 133, 244), new(219, 68, 55), new(244, 180, 0), new(15, 157, 88), new(171, 71, 188)];
        for (var i = 0; i < 5; i++)
        {
            var value = words.Number(top / 10, top);
            var left = 100 + (i * 100);
            var barTop = 340 - (value * 260f / top);
            canvas.Rect(new SKRect(left, barTop, left + 60, 340), colours[i]);
            var label = value.ToString(CultureInfo.InvariantCulture);
            canvas.Text(label, left + 30 - (Drawing.Measure(label, Sans.Value, 11) / 2), barTop - 5, Sans.Value, 11, new SKColor(40, 40, 40));
            var category = words.Title(1);
            canvas.Text(category, left + 30 - (Drawing.Measure(category, Sans.Value, 11) / 2), 358, Sans.Value, 11, grey);
        }

        return canvas.Finish("chart", $"chart-{index:D2}");
    }

    public static OcrBenchImage Window(int index, OcrBenchVocabulary words)
    {
        var ink = new SKColor(33, 33, 33);
        using var canvas = new Drawing(720, 420, new SKColor(250, 250, 250));
        canvas.Rect(new SKRect(0, 0, 720, 24), new SKColor(236, 236, 236));
        var x = 10f;
        for (var i = 0; i < 7; i++)
        {
            var item = words.Title(1);
            canvas.Text(item, x, 16, Sans.Value, 11, ink);
            x += Drawing.Measure(item, Sans.Value, 11) + 22;
        }

        canvas.Rect(new SKRect(0, 24, 180, 396), new SKColor(242, 244, 247));
        canvas.Line(180, 24, 180, 396, new SKColor(210, 210, 210));
        canvas.Text(words.Title(1), 14, 50, Bold.Value, 11, ink);
        canvas.Text(words.Title(2), 200, 52, Sans.Value, 13, ink);
        for (var i = 0; i < 6; i++)
        {
            var baseline = 78 + (i * 26);
            canvas.Text(words.Title(words.Number(1, 3)), 24, baseline, Sans.Value, 11, ink);
            if (i < 5)
            {
                canvas.Text(words.Title(2), 200, baseline + 10, Sans.Value, 11, new SKColor(100, 100, 100));
                canvas.Rect(new SKRect(330, baseline - 4, 600, baseline + 16), SKColors.White);
                canvas.Line(330, baseline + 16, 600, baseline + 16, new SKColor(200, 200, 200));
                canvas.Text(words.Title(words.Number(1, 4)), 336, baseline + 10, Sans.Value, 11, ink);
            }
        }

        canvas.Rect(new SKRect(330, 240, 440, 266), new SKColor(25, 103, 210));
        canvas.Text(words.Title(2), 340, 257, Sans.Value, 11, SKColors.White);
        canvas.Rect(new SKRect(450, 240, 530, 266), new SKColor(224, 224, 224));
        canvas.Text(words.Title(1), 464, 257, Sans.Value, 11, ink);
        canvas.Rect(new SKRect(0, 396, 720, 420), new SKColor(230, 230, 230));
        canvas.Text(words.Title(3) + " " + words.Number(2, 60).ToString(CultureInfo.InvariantCulture) + " minutes", 10, 412, Sans.Value, 10, new SKColor(80, 80, 80));
        return canvas.Finish("screenshot", $"screenshot-{index:D2}");
    }

    private static SKTypeface Load(string file) =>
        SKTypeface.FromFile(Path.Combine(FontFolder, file))
        ?? throw new InvalidOperationException($"{file} is not in {FontFolder}: install the Debian package fonts-dejavu-core.");

    /// <summary>A canvas that records the words it draws.</summary>
    private sealed class Drawing : IDisposable
    {
        private readonly SKBitmap _bitmap;
        private readonly SKCanvas _canvas;
        private readonly List<string> _words = [];

        public Drawing(int width, int height, SKColor background)
        {
            _bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
            _canvas = new SKCanvas(_bitmap);
            _canvas.Clear(background);
        }

        public static float Measure(string text, SKTypeface typeface, float size)
        {
            using var font = Font(typeface, size);
            return font.MeasureText(text);
        }

        public void Text(string text, float x, float baseline, SKTypeface typeface, float size, SKColor colour)
        {
            using var font = Font(typeface, size);
            using var paint = new SKPaint { Color = colour, IsAntialias = true };
            _canvas.DrawText(text, x, baseline, SKTextAlign.Left, font, paint);
            _words.AddRange(text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        public void Rect(SKRect rectangle, SKColor colour)
        {
            using var paint = new SKPaint { Color = colour };
            _canvas.DrawRect(rectangle, paint);
        }

        public void Line(float x0, float y0, float x1, float y1, SKColor colour)
        {
            using var paint = new SKPaint { Color = colour, StrokeWidth = 1, Style = SKPaintStyle.Stroke };
            _canvas.DrawLine(x0, y0, x1, y1, paint);
        }

        public OcrBenchImage Finish(string kind, string name)
        {
            _canvas.Flush();
            using var image = SKImage.FromBitmap(_bitmap);
            using var png = image.Encode(SKEncodedImageFormat.Png, 100);
            return new OcrBenchImage(kind, name, png.ToArray(), _bitmap.Width, _bitmap.Height, [.. _words]);
        }

        public void Dispose()
        {
            _canvas.Dispose();
            _bitmap.Dispose();
        }

        private static SKFont Font(SKTypeface typeface, float size) =>
            new(typeface, size) { Edging = SKFontEdging.Antialias, Hinting = SKFontHinting.Normal, Subpixel = true };
    }
}
