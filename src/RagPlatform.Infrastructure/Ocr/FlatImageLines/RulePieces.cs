namespace RagPlatform.Infrastructure.Ocr.FlatImageLines;

/// <summary>Tells a chart's ticks and a frame's corner pieces from letters: a short thin straight
/// stroke that stands on a thin rule across it (a tick on an axis or a frame), touching it or a
/// pixel short of it, is a piece of that rule. The rule itself is background (a long run, see
/// <see cref="InkMask"/>), so the tick is left as a component of its own, and read alone it came
/// out as "T" or "L" (the rule's edge in its box), or beside a tick label as part of it ("100上").
/// A letter stroke that thin (1-2 px, crisp) standing on a rule is not seen in text at screen sizes:
/// a "1" or an "l" is wider with its antialiased fringe, and labels keep a gap from their axis.</summary>
internal static class RulePieces
{
    /// <summary>How far beyond a stroke's end the rule may start, in pixels (1: a pixel's gap).</summary>
    public const int Reach = 2;

    /// <summary>Whether the component is a tick or a frame's corner piece: shorter than a long run
    /// (a rule's end beyond its last tick, up to <see cref="InkMask.LongRun"/>, is no background).</summary>
    /// <param name="rules">The rule mask of <see cref="InkMask.Find"/>.</param>
    public static bool IsRulePiece(InkBlob blob, byte[] rules, int width, int height) =>
        Math.Max(blob.Width, blob.Height) < InkMask.LongRun && (IsTick(blob, rules, width, height) || IsCorner(blob, rules, width, height));

    /// <summary>A frame's corner: where two rules meet, the antialiased corner pixels, the ticks
    /// that stand on both and a rule's end after its last tick (an "L" or a "Γ" of strokes at most
    /// <see cref="InkMask.MaxRuleThickness"/> thick, so no more pixels than that many rows and
    /// columns of its box) are ink of their own, read as "L" or, beside a tick label, as part of it
    /// ("11" for "1").</summary>
    private static bool IsCorner(InkBlob blob, byte[] rules, int width, int height) =>
        blob.Pixels <= InkMask.MaxRuleThickness * (blob.Width + blob.Height)
        && Any(rules, width, height, blob.Left - Reach, blob.Right + Reach, blob.Top - Reach, blob.Bottom + Reach, InkMask.AcrossRule)
        && Any(rules, width, height, blob.Left - Reach, blob.Right + Reach, blob.Top - Reach, blob.Bottom + Reach, InkMask.DownRule);

    private static bool IsTick(InkBlob blob, byte[] rules, int width, int height)
    {
        if (Math.Min(blob.Width, blob.Height) > InkMask.MaxRuleThickness)
        {
            return false;
        }

        // A vertical stroke stands on a rule across at its top or bottom end: the rule's pixels lie
        // beyond the end, or beside it where the tick crosses the rule in its own colour.
        if (blob.Width <= blob.Height && (Any(rules, width, height, blob.Left - 1, blob.Right + 1, blob.Top - Reach, blob.Top + 2, InkMask.AcrossRule)
            || Any(rules, width, height, blob.Left - 1, blob.Right + 1, blob.Bottom - 2, blob.Bottom + Reach, InkMask.AcrossRule)))
        {
            return true;
        }

        return blob.Height <= blob.Width && (Any(rules, width, height, blob.Left - Reach, blob.Left + 2, blob.Top - 1, blob.Bottom + 1, InkMask.DownRule)
            || Any(rules, width, height, blob.Right - 2, blob.Right + Reach, blob.Top - 1, blob.Bottom + 1, InkMask.DownRule));
    }

    /// <summary>Whether any pixel of [left, right) × [top, bottom), within the image, has the bit.</summary>
    private static bool Any(byte[] rules, int width, int height, int left, int right, int top, int bottom, byte bit)
    {
        for (var y = Math.Max(0, top); y < Math.Min(height, bottom); y++)
        {
            for (var x = Math.Max(0, left); x < Math.Min(width, right); x++)
            {
                if ((rules[(y * width) + x] & bit) != 0)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
