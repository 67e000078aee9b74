using System.Numerics;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>A text line's box: a rectangle, possibly rotated, as its four corners in reading order
/// (top-left, top-right, bottom-right, bottom-left of the text), in pixels of some image with the
/// origin at the top-left corner and pixel i spanning [i, i + 1).</summary>
internal readonly record struct TextQuad(Vector2 TopLeft, Vector2 TopRight, Vector2 BottomRight, Vector2 BottomLeft)
{
    /// <summary>Length along the text (the longer of the top and bottom edges).</summary>
    public float Width => Math.Max(Vector2.Distance(TopLeft, TopRight), Vector2.Distance(BottomLeft, BottomRight));

    /// <summary>Height across the text (the longer of the left and right edges).</summary>
    public float Height => Math.Max(Vector2.Distance(TopLeft, BottomLeft), Vector2.Distance(TopRight, BottomRight));

    public float Left => Math.Min(Math.Min(TopLeft.X, TopRight.X), Math.Min(BottomRight.X, BottomLeft.X));

    public float Right => Math.Max(Math.Max(TopLeft.X, TopRight.X), Math.Max(BottomRight.X, BottomLeft.X));

    public float Top => Math.Min(Math.Min(TopLeft.Y, TopRight.Y), Math.Min(BottomRight.Y, BottomLeft.Y));

    public float Bottom => Math.Max(Math.Max(TopLeft.Y, TopRight.Y), Math.Max(BottomRight.Y, BottomLeft.Y));

    public Vector2 Centre => (TopLeft + TopRight + BottomRight + BottomLeft) / 4;

    /// <summary>The upright rectangle around the box.</summary>
    public SKRect Bounds => new(Left, Top, Right, Bottom);

    /// <summary>The same box in another image's pixels (each axis scaled on its own).</summary>
    public TextQuad Scale(float x, float y)
    {
        var factor = new Vector2(x, y);
        return new TextQuad(TopLeft * factor, TopRight * factor, BottomRight * factor, BottomLeft * factor);
    }

    /// <summary>Corners moved into [0, width] × [0, height].</summary>
    public TextQuad Clamp(float width, float height)
    {
        var max = new Vector2(width, height);
        return new TextQuad(
            Vector2.Clamp(TopLeft, Vector2.Zero, max),
            Vector2.Clamp(TopRight, Vector2.Zero, max),
            Vector2.Clamp(BottomRight, Vector2.Zero, max),
            Vector2.Clamp(BottomLeft, Vector2.Zero, max));
    }

    /// <summary>The box grown by <paramref name="distance"/> pixels on every side.</summary>
    public TextQuad Grow(float distance) => Grow(distance, distance);

    /// <summary>The box grown by <paramref name="along"/> pixels at each end of the text and by
    /// <paramref name="acrossText"/> pixels above and below it.</summary>
    public TextQuad Grow(float along, float acrossText)
    {
        var sideways = Vector2.Normalize(TopRight - TopLeft) * along;
        var down = Vector2.Normalize(BottomLeft - TopLeft) * acrossText;
        return new TextQuad(TopLeft - sideways - down, TopRight + sideways - down, BottomRight + sideways + down, BottomLeft - sideways + down);
    }

    /// <summary>The box read the other way up (text turned by 180°). Methods, not properties: a
    /// record prints its properties, and these would print themselves for ever.</summary>
    public TextQuad Turned() => new(BottomRight, BottomLeft, TopLeft, TopRight);

    /// <summary>The box read as turned a quarter counter-clockwise: for tall boxes, whose text runs
    /// top to bottom, as PaddleOCR turns crops at least 1.5 times higher than wide.</summary>
    public TextQuad QuarterTurned() => new(TopRight, BottomRight, BottomLeft, TopLeft);
}
