using RagPlatform.Core.Ingestion;
using RagPlatform.Core.Search;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>How well recognised lines match what was drawn.</summary>
internal static class OcrScore
{
    /// <summary>Character error rate with lines matched by place rather than by order: each
    /// recognised line goes to the drawn line its box overlaps most (line order and how the engine
    /// splits a row into boxes then do not count), and recognised lines overlapping no drawn line
    /// count in full as insertions.</summary>
    public static double MatchedCharacterErrorRate(OcrSample sample, IReadOnlyList<RecognizedLine> lines)
    {
        var assigned = sample.Lines.Select(_ => new List<RecognizedLine>()).ToArray();
        var inserted = 0;
        foreach (var line in lines)
        {
            var box = ToPixels(line, sample);
            var best = -1;
            var bestOverlap = 0f;
            for (var i = 0; i < sample.Lines.Count; i++)
            {
                var overlap = SKRect.Intersect(box, sample.Lines[i].Bounds);
                var area = overlap.IsEmpty ? 0 : overlap.Width * overlap.Height;
                if (area > bestOverlap)
                {
                    (best, bestOverlap) = (i, area);
                }
            }

            if (best < 0)
            {
                inserted += line.Text.Length;
            }
            else
            {
                assigned[best].Add(line);
            }
        }

        var errors = inserted;
        var length = 0;
        for (var i = 0; i < sample.Lines.Count; i++)
        {
            var reference = sample.Lines[i].Text;
            var read = string.Join(' ', assigned[i].OrderBy(line => line.Box.X).Select(line => line.Text));
            errors += (int)Math.Round(CharacterErrorRate.Compute(reference, read) * reference.Length);
            length += reference.Length;
        }

        return (double)errors / length;
    }

    /// <summary>Plain character error rate of the whole text, lines in the order given.</summary>
    public static double CharacterErrorRateInOrder(OcrSample sample, IReadOnlyList<RecognizedLine> lines) =>
        CharacterErrorRate.Compute(sample.Text, string.Join('\n', lines.Select(line => line.Text)));

    public static SKRect ToPixels(RecognizedLine line, OcrSample sample) =>
        SKRect.Create((float)(line.Box.X * sample.Width), (float)(line.Box.Y * sample.Height), (float)(line.Box.Width * sample.Width), (float)(line.Box.Height * sample.Height));

    public static double IntersectionOverUnion(SKRect a, SKRect b)
    {
        var overlap = SKRect.Intersect(a, b);
        var intersection = overlap.IsEmpty ? 0 : (double)overlap.Width * overlap.Height;
        return intersection / (((double)a.Width * a.Height) + ((double)b.Width * b.Height) - intersection);
    }
}
