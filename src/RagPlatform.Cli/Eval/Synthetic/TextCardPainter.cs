using SkiaSharp;

namespace RagPlatform.Cli.Eval.Synthetic;

/// <summary>A sentence rendered as an image (a photo of a printed page, a slide, a screenshot of an
/// article): the query side of image→text.</summary>
internal static class TextCardPainter
{
    private const int Width = 640;
    private const float Size = 20;
    private const float LineHeight = 30;
    private const float Margin = 28;

    public static Drawing Draw(string text)
    {
        var lines = Wrap(text, Width - (2 * Margin));
        var height = (int)((lines.Count * LineHeight) + (2 * Margin));
        return Raster.Draw(Width, height, canvas =>
        {
            Raster.Fill(canvas, new SKRect(0, 0, Width, height), new SKColor(0xFB, 0xF8, 0xF1));
            for (var i = 0; i < lines.Count; i++)
            {
                Raster.Text(canvas, lines[i], Margin, Margin + ((i + 1) * LineHeight) - 8, Size, new SKColor(0x1C, 0x1C, 0x1C));
            }
        });
    }

    private static List<string> Wrap(string text, float width)
    {
        var lines = new List<string>();
        var line = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (line.Length > 0 && Raster.Width(candidate, Size) > width)
            {
                lines.Add(line);
                candidate = word;
            }

            line = candidate;
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        return lines;
    }
}
