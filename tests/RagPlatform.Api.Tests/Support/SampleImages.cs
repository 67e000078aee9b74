using SkiaSharp;

namespace RagPlatform.Api.Tests.Support;

/// <summary>Images drawn by the tests, different enough that an image search can tell them apart.</summary>
internal static class SampleImages
{
    /// <summary>A bar chart: coloured bars on white with axes.</summary>
    public static byte[] BarChartPng() => Draw(SKEncodedImageFormat.Png, canvas =>
    {
        canvas.Clear(SKColors.White);
        using var axis = new SKPaint { Color = SKColors.Black, StrokeWidth = 3 };
        canvas.DrawLine(30, 270, 380, 270, axis);
        canvas.DrawLine(30, 20, 30, 270, axis);
        SKColor[] colours = [SKColors.SteelBlue, SKColors.OrangeRed, SKColors.SeaGreen, SKColors.Goldenrod];
        for (var i = 0; i < 4; i++)
        {
            using var bar = new SKPaint { Color = colours[i] };
            canvas.DrawRect(60 + (i * 80), 250 - (i * 55), 50, 20 + (i * 55), bar);
        }
    });

    /// <summary>A "photo": a sunset gradient with a dark circle.</summary>
    public static byte[] SunsetJpeg() => Draw(SKEncodedImageFormat.Jpeg, canvas =>
    {
        using var sky = new SKPaint
        {
            Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, 300), [SKColors.MidnightBlue, SKColors.Orange], SKShaderTileMode.Clamp),
        };
        canvas.DrawRect(0, 0, 400, 300, sky);
        using var sun = new SKPaint { Color = SKColors.DarkRed, IsAntialias = true };
        canvas.DrawCircle(200, 200, 70, sun);
    });

    private static byte[] Draw(SKEncodedImageFormat format, Action<SKCanvas> paint)
    {
        using var bitmap = new SKBitmap(400, 300);
        using (var canvas = new SKCanvas(bitmap))
        {
            paint(canvas);
        }

        using var data = bitmap.Encode(format, 92);
        return data.ToArray();
    }
}
