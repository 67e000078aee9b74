using SkiaSharp;

namespace RagPlatform.Cli.Eval.Synthetic;

/// <summary>"Photographs": gradient skies, land and shapes with seeded jitter, distinct enough that
/// an image search can tell them apart and free of any text.</summary>
internal static class ScenePainter
{
    private const int Width = 560;
    private const int Height = 380;

    public static byte[] Coastline() => Jpeg(canvas =>
    {
        Sky(canvas, new SKColor(0x87, 0xCE, 0xEB), new SKColor(0xE0, 0xF4, 0xFF), 200);
        Raster.Fill(canvas, new SKRect(0, 200, Width, Height), new SKColor(0x1E, 0x5A, 0x8C));
        var random = new Random(11);
        for (var i = 0; i < 40; i++)
        {
            var y = 210 + random.Next(160);
            var x = random.Next(Width);
            Raster.Line(canvas, x, y, x + 20 + random.Next(30), y, new SKColor(0xD8, 0xEE, 0xFA), 2);
        }

        Polygon(canvas, new SKColor(0x8B, 0x7D, 0x6B), (340, 380), (360, 150), (420, 120), (500, 140), (560, 110), (560, 380));
        Polygon(canvas, new SKColor(0x6B, 0x8E, 0x23), (360, 150), (420, 120), (500, 140), (560, 110), (560, 130), (500, 155), (420, 135));
    });

    public static byte[] CityAtNight() => Jpeg(canvas =>
    {
        Sky(canvas, new SKColor(0x0B, 0x10, 0x2A), new SKColor(0x2A, 0x1B, 0x4A), Height);
        var random = new Random(23);
        var x = 0f;
        while (x < Width)
        {
            var w = 40 + random.Next(50);
            var h = 120 + random.Next(200);
            Raster.Fill(canvas, new SKRect(x, Height - h, x + w - 4, Height), new SKColor(0x1A, 0x1A, 0x22));
            for (var wy = Height - h + 10; wy < Height - 10; wy += 16)
            {
                for (var wx = x + 6; wx < x + w - 12; wx += 12)
                {
                    if (random.NextDouble() < 0.45)
                    {
                        Raster.Fill(canvas, new SKRect(wx, wy, wx + 6, wy + 8), new SKColor(0xFF, 0xD8, 0x6B));
                    }
                }
            }

            x += w;
        }
    });

    public static byte[] Orchard() => Jpeg(canvas =>
    {
        Sky(canvas, new SKColor(0xA8, 0xD8, 0xF0), new SKColor(0xF0, 0xF8, 0xFF), 170);
        Polygon(canvas, new SKColor(0x7C, 0xB3, 0x42), (0, 170), (140, 140), (300, 165), (450, 135), (560, 160), (560, 380), (0, 380));
        var random = new Random(37);
        for (var i = 0; i < 9; i++)
        {
            var cx = 40 + (i * 60) + random.Next(15);
            var cy = 230 + random.Next(60);
            Raster.Fill(canvas, new SKRect(cx - 5, cy, cx + 5, cy + 60), new SKColor(0x5D, 0x40, 0x37));
            using var crown = new SKPaint { Color = new SKColor(0x2E, 0x7D, 0x32), IsAntialias = true };
            canvas.DrawCircle(cx, cy, 28 + random.Next(10), crown);
        }

        Raster.Fill(canvas, new SKRect(0, 350, Width, 362), new SKColor(0xB0, 0x9A, 0x7A));
    });

    public static byte[] MeadowAtDusk() => Jpeg(canvas =>
    {
        Sky(canvas, new SKColor(0x3A, 0x1C, 0x5C), new SKColor(0xFF, 0x9A, 0x3C), 250);
        using var sun = new SKPaint { Color = new SKColor(0xFF, 0xD2, 0x6E), IsAntialias = true };
        canvas.DrawCircle(420, 245, 40, sun);
        Raster.Fill(canvas, new SKRect(0, 250, Width, Height), new SKColor(0x3B, 0x4A, 0x1E));
        for (var i = 0; i < 4; i++)
        {
            var x = 60 + (i * 70);
            Raster.Fill(canvas, new SKRect(x, 270, x + 46, 330), new SKColor(0xE8, 0xD4, 0x9A));
            Raster.Fill(canvas, new SKRect(x - 4, 262, x + 50, 272), new SKColor(0x8D, 0x6E, 0x4C));
        }
    });

    public static byte[] Astrolabe() => Jpeg(canvas =>
    {
        Sky(canvas, new SKColor(0x14, 0x14, 0x14), new SKColor(0x30, 0x28, 0x20), Height);
        var centre = new SKPoint(Width / 2f, Height / 2f);
        using var ring = new SKPaint { Color = new SKColor(0xB0, 0x8D, 0x57), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 10 };
        canvas.DrawCircle(centre, 150, ring);
        ring.StrokeWidth = 4;
        canvas.DrawCircle(centre, 110, ring);
        canvas.DrawCircle(centre, 60, ring);
        for (var a = 0; a < 360; a += 15)
        {
            var r = Math.PI * a / 180;
            canvas.DrawLine(centre.X + (float)(110 * Math.Cos(r)), centre.Y + (float)(110 * Math.Sin(r)), centre.X + (float)(145 * Math.Cos(r)), centre.Y + (float)(145 * Math.Sin(r)), ring);
        }

        ring.StrokeWidth = 6;
        canvas.DrawLine(centre.X - 140, centre.Y + 40, centre.X + 140, centre.Y - 40, ring);
    });

    private static byte[] Jpeg(Action<SKCanvas> paint) => Raster.Draw(Width, Height, paint, SKEncodedImageFormat.Jpeg, 88).Bytes;

    private static void Sky(SKCanvas canvas, SKColor top, SKColor bottom, float height)
    {
        using var paint = new SKPaint
        {
            Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, height), [top, bottom], SKShaderTileMode.Clamp),
        };
        canvas.DrawRect(0, 0, Width, height, paint);
    }

    private static void Polygon(SKCanvas canvas, SKColor colour, params (float X, float Y)[] points) =>
        Raster.Polygon(canvas, colour, points.Select(p => new SKPoint(p.X, p.Y)).ToArray());
}
