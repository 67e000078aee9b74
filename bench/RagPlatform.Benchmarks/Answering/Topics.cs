using SkiaSharp;

namespace RagPlatform.Benchmarks.Answering;

/// <summary>Deterministic words, sentences and figures for the generated manuals and questions.</summary>
internal static class Topics
{
    private static readonly string[] Words =
    [
        "harbour", "gateway", "scheduler", "backup", "firewall", "printer", "mailbox", "database", "cluster", "sensor",
        "turbine", "ledger", "invoice", "catalogue", "archive", "compiler", "network", "storage", "payroll", "telemetry",
    ];

    public static string Pick(int document, int page) => Words[((document * 7) + (page * 3)) % Words.Length];

    public static string Sentence(int document, int page, int line) =>
        $"The {Pick(document, page + line)} setting {line} controls how the {Pick(document + line, page)} handles retries and timeouts on page {page}.";

    public static string Question(int i) => $"How does the {Pick(i, i + 1)} setting control the {Pick(i + 3, i)} retries?";

    public static byte[] Figure(int document, int page)
    {
        using var bitmap = new SKBitmap(600, 450);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var paint = new SKPaint { Color = new SKColor((byte)(document * 40), (byte)(page * 25), 160) };
        for (var bar = 0; bar < 6; bar++)
        {
            canvas.DrawRect(40 + (bar * 90), 400 - (((bar + page) % 5 + 1) * 60), 60, ((bar + page) % 5 + 1) * 60, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }
}
