using SkiaSharp;

namespace RagPlatform.Cli.Eval.Synthetic;

/// <summary>An infographic poster: lines of known text in five typefaces, 10 to 30 px, dark and light
/// colours, over what charts put behind text (coloured bands, grid lines, bars, a gradient). It holds
/// no answer to any query; it is there for the OCR character error rate of `rag eval`.</summary>
internal static class SpecimenPainter
{
    private const int Width = 680;
    private const int Height = 460;

    public static Drawing Poster() => Raster.Draw(Width, Height, canvas =>
    {
        using (var sky = new SKPaint())
        {
            sky.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, 120), [new SKColor(0x0D, 0x3B, 0x66), new SKColor(0x1F, 0x77, 0xB4)], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, Width, 120, sky);
        }

        Raster.Text(canvas, "Lighthouse Keepers Almanac", 24, 52, 30, SKColors.White, Typefaces.Serif);
        Raster.Text(canvas, "Tides, beacons and weather of the Saltmarsh coast", 24, 92, 16, new SKColor(0xCF, 0xE3, 0xF5), Typefaces.SerifItalic);

        // A chart's plot area: grid lines and bars behind the labels.
        for (var y = 150; y <= 390; y += 30)
        {
            Raster.Line(canvas, 20, y, Width - 20, y, new SKColor(0xD8, 0xD8, 0xD8));
        }

        Raster.Fill(canvas, new SKRect(40, 200, 300, 260), new SKColor(0xFF, 0xE0, 0xB2));
        Raster.Fill(canvas, new SKRect(360, 170, 640, 290), new SKColor(0x2C, 0xA0, 0x2C));
        Raster.Text(canvas, "Spring tide 5.8 m at Gullhaven", 50, 236, 14, new SKColor(0x8A, 0x2B, 0x0E), Typefaces.Bold);
        Raster.Text(canvas, "Foghorn drills on Thursdays", 372, 214, 18, SKColors.White, Typefaces.Bold);
        Raster.Text(canvas, "Beacon range 22 nautical miles", 372, 268, 13, new SKColor(0xE8, 0xF5, 0xE9));
        Raster.Text(canvas, "Keeper rota: Ingram, Valdez, Okafor", 40, 320, 12, new SKColor(0x44, 0x44, 0x44), Typefaces.Mono);
        Raster.Text(canvas, "Barometer readings in hectopascals", 360, 320, 11, new SKColor(0x6A, 0x1B, 0x9A), Typefaces.SerifItalic);
        Raster.Text(canvas, "Wind gusts above 40 knots closed the jetty twice", 40, 360, 10, new SKColor(0x33, 0x33, 0x33));

        Raster.Fill(canvas, new SKRect(0, 400, Width, Height), new SKColor(0x26, 0x32, 0x38));
        Raster.Text(canvas, "Saltmarsh Maritime Trust 2024", 24, 438, 20, new SKColor(0xFF, 0xC1, 0x07), Typefaces.Sans);
    });
}
