using System.Globalization;
using SkiaSharp;

namespace RagPlatform.Cli.Eval.Synthetic;

/// <summary>Draws charts as a plotting library would: title, axes with ticks, axis labels and legend,
/// all as pixels (12-20 px text on a 640 × 420 canvas).</summary>
internal static class ChartPainter
{
    private const int Width = 640;
    private const int Height = 420;
    private static readonly SKRect Plot = new(78, 62, 470, 350);
    private static readonly SKColor Ink = new(0x33, 0x33, 0x33);
    private static readonly SKColor Grid = new(0xDD, 0xDD, 0xDD);

    public static Drawing Bars(ChartSpec chart) => Draw(chart, canvas =>
    {
        var max = NiceMax(chart.Series.SelectMany(s => s.Values).Max());
        Axes(canvas, chart, max);
        var slot = Plot.Width / chart.Categories.Length;
        var barWidth = slot * 0.7f / chart.Series.Length;
        for (var c = 0; c < chart.Categories.Length; c++)
        {
            for (var s = 0; s < chart.Series.Length; s++)
            {
                var x = Plot.Left + (c * slot) + (slot * 0.15f) + (s * barWidth);
                var top = Plot.Bottom - (float)(chart.Series[s].Values[c] / max * Plot.Height);
                Raster.Fill(canvas, new SKRect(x, top, x + barWidth - 2, Plot.Bottom), chart.Series[s].Colour);
            }
        }
    });

    public static Drawing Lines(ChartSpec chart) => Draw(chart, canvas =>
    {
        var max = NiceMax(chart.Series.SelectMany(s => s.Values).Max());
        Axes(canvas, chart, max);
        var slot = Plot.Width / chart.Categories.Length;
        foreach (var series in chart.Series)
        {
            var points = series.Values.Select((v, c) => new SKPoint(Plot.Left + (slot * (c + 0.5f)), Plot.Bottom - (float)(v / max * Plot.Height))).ToArray();
            using var line = new SKPaint { Color = series.Colour, StrokeWidth = 3, IsAntialias = true, Style = SKPaintStyle.Stroke };
            using var dot = new SKPaint { Color = series.Colour, IsAntialias = true };
            canvas.DrawPoints(SKPointMode.Polygon, points, line);
            foreach (var p in points)
            {
                canvas.DrawCircle(p, 5, dot);
            }
        }
    });

    /// <summary>Values are read in pairs, (x, y) of each point; the categories are ignored.</summary>
    public static Drawing Scatter(ChartSpec chart) => Draw(chart, canvas =>
    {
        var xs = chart.Series.SelectMany(s => s.Values.Where((_, i) => i % 2 == 0)).ToList();
        var ys = chart.Series.SelectMany(s => s.Values.Where((_, i) => i % 2 == 1)).ToList();
        var maxX = NiceMax(xs.Max());
        var maxY = NiceMax(ys.Max());
        var ticks = Enumerable.Range(1, 5).Select(i => (maxX * i / 5).ToString("0.#", CultureInfo.InvariantCulture)).ToArray();
        Axes(canvas, chart with { Categories = ticks }, maxY);
        foreach (var series in chart.Series)
        {
            using var dot = new SKPaint { Color = series.Colour, IsAntialias = true };
            for (var i = 0; i + 1 < series.Values.Length; i += 2)
            {
                // Tick labels sit at the middle of each fifth: x = v maps to (v / maxX) of the width, shifted half a slot.
                var x = Plot.Left + (float)(series.Values[i] / maxX * Plot.Width) - (Plot.Width / 10);
                canvas.DrawCircle(x, Plot.Bottom - (float)(series.Values[i + 1] / maxY * Plot.Height), 6, dot);
            }
        }
    });

    /// <summary>One bar per category, categories named on the left (the first series only).</summary>
    public static Drawing HorizontalBars(ChartSpec chart) => Raster.Draw(Width, Height, canvas =>
    {
        Raster.Text(canvas, chart.Title, Width / 2f, 34, 20, Ink, Typefaces.Bold, SKTextAlign.Center);
        var series = chart.Series[0];
        var max = NiceMax(series.Values.Max());
        var left = 150f;
        var right = Width - 60f;
        var slot = (Plot.Bottom - Plot.Top) / chart.Categories.Length;
        for (var c = 0; c < chart.Categories.Length; c++)
        {
            var top = Plot.Top + (c * slot) + (slot * 0.2f);
            Raster.Text(canvas, chart.Categories[c], left - 10, top + (slot * 0.4f) + 5, 14, Ink, align: SKTextAlign.Right);
            Raster.Fill(canvas, new SKRect(left, top, left + (float)(series.Values[c] / max * (right - left)), top + (slot * 0.6f)), series.Colour);
        }

        Raster.Line(canvas, left, Plot.Top, left, Plot.Bottom, Ink, 2);
        Raster.Text(canvas, chart.XLabel, (left + right) / 2, Plot.Bottom + 40, 14, Ink, align: SKTextAlign.Center);
    });

    public static Drawing Pie(ChartSpec chart) => Raster.Draw(Width, Height, canvas =>
    {
        Raster.Text(canvas, chart.Title, Width / 2f, 34, 20, Ink, Typefaces.Bold, SKTextAlign.Center);
        var series = chart.Series[0];
        var total = series.Values.Sum();
        var oval = new SKRect(60, 80, 360, 380);
        var start = -90f;
        SKColor[] colours = [new(0x1F, 0x77, 0xB4), new(0xFF, 0x7F, 0x0E), new(0x2C, 0xA0, 0x2C), new(0xD6, 0x27, 0x28), new(0x94, 0x67, 0xBD)];
        for (var i = 0; i < series.Values.Length; i++)
        {
            var sweep = (float)(series.Values[i] / total * 360);
            using var slice = new SKPaint { Color = colours[i % colours.Length], IsAntialias = true };
            canvas.DrawArc(oval, start, sweep, true, slice);
            var y = 130 + (i * 34);
            Raster.Fill(canvas, new SKRect(400, y - 13, 416, y + 3), colours[i % colours.Length]);
            Raster.Text(canvas, string.Create(CultureInfo.InvariantCulture, $"{chart.Categories[i]} {series.Values[i] / total * 100:0}%"), 426, y, 15, Ink);
            start += sweep;
        }
    });

    private static Drawing Draw(ChartSpec chart, Action<SKCanvas> plot) => Raster.Draw(Width, Height, canvas =>
    {
        Raster.Text(canvas, chart.Title, Width / 2f, 34, 20, Ink, Typefaces.Bold, SKTextAlign.Center);
        plot(canvas);
        Legend(canvas, chart.Series);
    });

    private static void Axes(SKCanvas canvas, ChartSpec chart, double max)
    {
        for (var i = 0; i <= 5; i++)
        {
            var y = Plot.Bottom - (Plot.Height * i / 5);
            Raster.Line(canvas, Plot.Left, y, Plot.Right, y, Grid);
            Raster.Text(canvas, (max * i / 5).ToString("0.#", CultureInfo.InvariantCulture), Plot.Left - 8, y + 4, 12, Ink, align: SKTextAlign.Right);
        }

        Raster.Line(canvas, Plot.Left, Plot.Top, Plot.Left, Plot.Bottom, Ink, 2);
        Raster.Line(canvas, Plot.Left, Plot.Bottom, Plot.Right, Plot.Bottom, Ink, 2);
        var slot = Plot.Width / chart.Categories.Length;
        for (var c = 0; c < chart.Categories.Length; c++)
        {
            Raster.Text(canvas, chart.Categories[c], Plot.Left + (slot * (c + 0.5f)), Plot.Bottom + 20, 13, Ink, align: SKTextAlign.Center);
        }

        Raster.Text(canvas, chart.XLabel, Plot.MidX, Plot.Bottom + 48, 14, Ink, align: SKTextAlign.Center);
        canvas.Save();
        canvas.RotateDegrees(-90, 22, Plot.MidY);
        Raster.Text(canvas, chart.YLabel, 22, Plot.MidY, 14, Ink, align: SKTextAlign.Center);
        canvas.Restore();
    }

    private static void Legend(SKCanvas canvas, ChartSeries[] series)
    {
        for (var i = 0; i < series.Length; i++)
        {
            var y = Plot.Top + 10 + (i * 28);
            Raster.Fill(canvas, new SKRect(Plot.Right + 22, y - 12, Plot.Right + 36, y + 2), series[i].Colour);
            Raster.Text(canvas, series[i].Name, Plot.Right + 44, y, 14, Ink);
        }
    }

    /// <summary>The axis top: the smallest 1, 2 or 5 × 10^n above the largest value.</summary>
    private static double NiceMax(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1.0, 2, 5, 10 }.Select(f => f * magnitude).First(v => v >= value);
    }
}
