namespace RagPlatform.Core.Documents;

/// <summary>A rectangle on a page in fractions of the page's width and height (0..1), origin at the
/// top-left corner. Fractions keep a region valid for every render size of the page.</summary>
public readonly record struct Region(double X, double Y, double Width, double Height)
{
    public static Region WholePage { get; } = new(0, 0, 1, 1);

    public double Right => X + Width;

    public double Bottom => Y + Height;

    /// <summary>The smallest region holding both.</summary>
    public Region Union(Region other)
    {
        var left = Math.Min(X, other.X);
        var top = Math.Min(Y, other.Y);
        return new Region(left, top, Math.Max(Right, other.Right) - left, Math.Max(Bottom, other.Bottom) - top);
    }

    /// <summary>Clamped into the page, so a box that spills over an edge still crops.</summary>
    public Region ClampToPage()
    {
        var left = Math.Clamp(X, 0, 1);
        var top = Math.Clamp(Y, 0, 1);
        return new Region(left, top, Math.Clamp(Right, 0, 1) - left, Math.Clamp(Bottom, 0, 1) - top);
    }
}
