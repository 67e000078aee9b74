using SkiaSharp;

namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>Calibration inputs for the int8 networks, drawn in process with the system's default
/// typeface (no user data, the same on every load): for the detector, pages of dark text on light
/// and light text on dark and coloured bars, 9-32 px high; for the recogniser, batches of text
/// lines at its 48-pixel height, as its crops give them, with zero padding right of short lines.</summary>
internal static class OcrCalibrationImages
{
    private const int LinesPerRun = 2;

    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,:-%/()";

    private static readonly SKColor[] Backgrounds =
        [SKColors.White, new(250, 250, 250), new(236, 236, 236), new(66, 133, 244), new(33, 33, 33), new(219, 68, 55), new(15, 157, 88)];

    /// <summary>Detector inputs [1, 3, H, W] (sides multiples of 32).</summary>
    public static IEnumerable<(float[] Values, int[] Shape)> DetectorInputs()
    {
        var random = new Random(15);
        foreach (var (width, height) in new[] { (640, 416), (736, 960) })
        {
            using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
            using (var canvas = new SKCanvas(bitmap))
            {
                canvas.Clear(SKColors.White);
                var y = 8f;
                while (y < height - 40)
                {
                    var size = 9 + random.Next(24);
                    var background = Backgrounds[random.Next(Backgrounds.Length)];
                    using var band = new SKPaint { Color = background };
                    canvas.DrawRect(new SKRect(0, y, width, y + (size * 1.8f)), band);
                    Text(canvas, Words(random, 2 + random.Next(8)), 6 + random.Next(40), y + (size * 1.3f), size, Ink(background));
                    y += (size * 1.8f) + random.Next(12);
                }
            }

            yield return (OcrTensors.Detection(bitmap.Bytes, width, height), [1, 3, height, width]);
        }
    }

    /// <summary>Recogniser batches [2, 3, 48, W]: eight lines 320 pixels wide and eight 640 wide, some shorter (zero padded).</summary>
    public static IEnumerable<(float[] Values, int[] Shape)> RecognizerInputs()
    {
        const int height = TextLineRecognizer.LineHeight;
        var random = new Random(16);
        foreach (var slotWidth in new[] { 320, 640 })
        {
            const int lines = 8;
            var slot = 3 * height * slotWidth;
            var batch = new float[lines * slot];
            for (var i = 0; i < lines; i++)
            {
                var width = slotWidth - (random.Next(4) * slotWidth / 8);
                var background = Backgrounds[random.Next(Backgrounds.Length)];
                using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
                using (var canvas = new SKCanvas(bitmap))
                {
                    canvas.Clear(background);
                    var size = 26 + random.Next(12);
                    Text(canvas, Words(random, width / 60), 4, (height + (size * 0.7f)) / 2, size, Ink(background));
                }

                OcrTensors.WriteLine(bitmap.Bytes, width, height, batch.AsSpan(i * slot, slot), slotWidth);
            }

            // Run in batches of two: a line's activations do not depend on the others in its batch, and
            // every fetched activation of a run is held at once (eight 640-pixel lines: most of a GB).
            for (var first = 0; first < lines; first += LinesPerRun)
            {
                yield return (batch[(first * slot)..((first + LinesPerRun) * slot)], [LinesPerRun, 3, height, slotWidth]);
            }
        }
    }

    private static SKColor Ink(SKColor background) =>
        background.Red + background.Green + background.Blue > 500 ? new SKColor(30, 30, 30) : SKColors.White;

    private static string Words(Random random, int count) => string.Join(' ', Enumerable.Range(0, Math.Max(1, count))
        .Select(_ => new string([.. Enumerable.Range(0, 2 + random.Next(8)).Select(_ => Letters[random.Next(Letters.Length)])])));

    private static void Text(SKCanvas canvas, string text, float x, float baseline, float size, SKColor colour)
    {
        using var font = new SKFont(SKTypeface.Default, size) { Edging = SKFontEdging.Antialias };
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        canvas.DrawText(text, x, baseline, SKTextAlign.Left, font, paint);
    }
}
