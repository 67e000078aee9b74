using System.Numerics;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>Joins boxes that stack in one narrow column into one vertical line. The detector
/// splits a turned line where its words are apart (a chart's y-axis title "sin (x)" comes as the
/// two kernels "sin" and "(x)"); each piece alone is less than <see cref="VerticalAspect"/> times
/// higher than wide, so it is read upright and comes out as nothing, while the joined box is high
/// enough to be read turned.</summary>
internal static class StackedLines
{
    /// <summary>PaddleOCR's rule for vertical text, as the pipeline applies it.</summary>
    public const float VerticalAspect = 1.5f;

    /// <summary>Most gap between two pieces, as a share of their width (the line's height): the space
    /// between two words. Tick labels stacked on a y axis lie several line heights apart.</summary>
    private const float MaxGap = 0.6f;

    /// <summary>Most offset between the pieces' centres across the line, as a share of their width.</summary>
    private const float MaxShift = 0.25f;

    /// <summary>Least ratio of the narrower piece's width to the wider's: pieces of one line have
    /// about the height of its letters.</summary>
    private const float MinWidthRatio = 0.7f;

    /// <returns>The boxes, with each stack of pieces replaced by one upright box around them.</returns>
    public static List<TextQuad> Join(IReadOnlyList<TextQuad> boxes)
    {
        // Only upright pieces at least as high as wide: the pieces of a turned line.
        var pieces = boxes.Where(IsUprightTall).OrderBy(box => box.Top).ToList();
        var joined = new List<TextQuad>();
        var used = new HashSet<TextQuad>();
        for (var i = 0; i < pieces.Count; i++)
        {
            if (used.Contains(pieces[i]))
            {
                continue;
            }

            var stack = new List<TextQuad> { pieces[i] };
            for (var j = i + 1; j < pieces.Count; j++)
            {
                if (!used.Contains(pieces[j]) && Continues(stack[^1], pieces[j]))
                {
                    stack.Add(pieces[j]);
                }
            }

            var union = Union(stack);
            if (stack.Count > 1 && union.Height >= VerticalAspect * union.Width)
            {
                used.UnionWith(stack);
                joined.Add(union);
            }
        }

        return joined.Count == 0 ? [.. boxes] : [.. boxes.Where(box => !used.Contains(box)), .. joined];
    }

    private static bool IsUprightTall(TextQuad box) =>
        MathF.Abs(box.TopLeft.Y - box.TopRight.Y) < 0.5f && MathF.Abs(box.TopLeft.X - box.BottomLeft.X) < 0.5f && box.Height >= box.Width;

    /// <summary>Whether <paramref name="below"/> is the next piece of the line that ends with <paramref name="above"/>.</summary>
    private static bool Continues(TextQuad above, TextQuad below)
    {
        var width = Math.Max(above.Width, below.Width);
        return Math.Min(above.Width, below.Width) >= MinWidthRatio * width
            && MathF.Abs(above.Centre.X - below.Centre.X) <= MaxShift * width
            && below.Top - above.Bottom <= MaxGap * width
            && below.Top > above.Top + (0.5f * above.Height);
    }

    private static TextQuad Union(List<TextQuad> stack)
    {
        var (left, top, right, bottom) = (stack.Min(box => box.Left), stack.Min(box => box.Top), stack.Max(box => box.Right), stack.Max(box => box.Bottom));
        return new TextQuad(new Vector2(left, top), new Vector2(right, top), new Vector2(right, bottom), new Vector2(left, bottom));
    }
}
