using System.Numerics;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>A rectangle at any angle: its centre, two perpendicular unit axes and the half-lengths
/// along them. Made as the minimum-area rectangle around a set of points (OpenCV's minAreaRect),
/// which PaddleOCR's DB post-processing boxes every text kernel with.</summary>
internal readonly record struct RotatedRectangle(Vector2 Centre, Vector2 AxisU, Vector2 AxisV, float HalfU, float HalfV)
{
    public float ShortSide => 2 * Math.Min(HalfU, HalfV);

    public float Area => 4 * HalfU * HalfV;

    public float Perimeter => 4 * (HalfU + HalfV);

    /// <summary>The rectangle grown by <paramref name="distance"/> on every side. For a rectangle
    /// this is what PaddleOCR's unclip (a round-joined polygon offset through pyclipper, then the
    /// minimum-area rectangle of the result) comes to: the offset keeps the straight sides and only
    /// rounds the corners, which the enclosing rectangle cuts off again.</summary>
    public RotatedRectangle Grow(float distance) => this with { HalfU = HalfU + distance, HalfV = HalfV + distance };

    /// <summary>The corners as a text box: the leftmost two are split into top-left and bottom-left
    /// by height, the rightmost two into top-right and bottom-right, as PaddleOCR orders them, so
    /// text tilted by up to 45° reads left to right.</summary>
    public TextQuad ToQuad()
    {
        var u = AxisU * HalfU;
        var v = AxisV * HalfV;
        Span<Vector2> corners = [Centre - u - v, Centre + u - v, Centre + u + v, Centre - u + v];
        corners.Sort(static (a, b) => a.X.CompareTo(b.X));
        var (topLeft, bottomLeft) = corners[1].Y > corners[0].Y ? (corners[0], corners[1]) : (corners[1], corners[0]);
        var (topRight, bottomRight) = corners[3].Y > corners[2].Y ? (corners[2], corners[3]) : (corners[3], corners[2]);
        return new TextQuad(topLeft, topRight, bottomRight, bottomLeft);
    }

    /// <summary>The smallest rectangle holding every point (rotating calipers over the convex hull:
    /// one side of the optimum lies on a hull edge).</summary>
    public static RotatedRectangle Enclosing(ReadOnlySpan<Vector2> points)
    {
        var hull = ConvexHull(points);

        // Stays when every point is the same one.
        var best = new RotatedRectangle(hull[0], Vector2.UnitX, Vector2.UnitY, 0, 0);
        var bestArea = float.PositiveInfinity;
        for (var i = 0; i < hull.Length; i++)
        {
            var edge = hull[(i + 1) % hull.Length] - hull[i];
            if (edge == Vector2.Zero)
            {
                continue;
            }

            var u = Vector2.Normalize(edge);
            var v = new Vector2(-u.Y, u.X);
            float minU = float.PositiveInfinity, maxU = float.NegativeInfinity, minV = float.PositiveInfinity, maxV = float.NegativeInfinity;
            foreach (var point in hull)
            {
                var along = Vector2.Dot(point, u);
                var across = Vector2.Dot(point, v);
                (minU, maxU) = (Math.Min(minU, along), Math.Max(maxU, along));
                (minV, maxV) = (Math.Min(minV, across), Math.Max(maxV, across));
            }

            var area = (maxU - minU) * (maxV - minV);
            if (area < bestArea)
            {
                bestArea = area;
                var centre = (u * (minU + maxU) / 2) + (v * (minV + maxV) / 2);
                best = new RotatedRectangle(centre, u, v, (maxU - minU) / 2, (maxV - minV) / 2);
            }
        }

        return best;
    }

    /// <summary>The upright rectangle around the points.</summary>
    public static RotatedRectangle Upright(ReadOnlySpan<Vector2> points)
    {
        var (min, max) = (points[0], points[0]);
        foreach (var point in points)
        {
            (min, max) = (Vector2.Min(min, point), Vector2.Max(max, point));
        }

        return new RotatedRectangle((min + max) / 2, Vector2.UnitX, Vector2.UnitY, (max.X - min.X) / 2, (max.Y - min.Y) / 2);
    }

    /// <summary>Andrew's monotone chain; collinear points are dropped. At least one point.</summary>
    internal static Vector2[] ConvexHull(ReadOnlySpan<Vector2> points)
    {
        if (points.IsEmpty)
        {
            throw new ArgumentException("A hull needs at least one point.", nameof(points));
        }

        var sorted = points.ToArray();
        Array.Sort(sorted, static (a, b) => a.X != b.X ? a.X.CompareTo(b.X) : a.Y.CompareTo(b.Y));
        var hull = new Vector2[sorted.Length * 2];
        var count = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            var start = count;
            for (var i = 0; i < sorted.Length; i++)
            {
                var point = pass == 0 ? sorted[i] : sorted[sorted.Length - 1 - i];
                while (count >= start + 2 && Cross(hull[count - 2], hull[count - 1], point) <= 0)
                {
                    count--;
                }

                hull[count++] = point;
            }

            count--; // The last point of each chain starts the other one.
        }

        return count < 1 ? [sorted[0]] : hull[..count];
    }

    private static float Cross(Vector2 origin, Vector2 a, Vector2 b) =>
        ((a.X - origin.X) * (b.Y - origin.Y)) - ((a.Y - origin.Y) * (b.X - origin.X));
}
