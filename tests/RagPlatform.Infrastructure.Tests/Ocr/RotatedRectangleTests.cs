using System.Numerics;
using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Infrastructure.Tests.Ocr;

public sealed class RotatedRectangleTests
{
    [Fact]
    public void The_hull_keeps_only_the_outer_corners()
    {
        Vector2[] points = [new(0, 0), new(4, 0), new(2, 1), new(4, 4), new(0, 4), new(2, 2), new(2, 0)];

        var hull = RotatedRectangle.ConvexHull(points);

        Assert.Equal(4, hull.Length);
        Assert.Equal(new HashSet<Vector2> { new(0, 0), new(4, 0), new(4, 4), new(0, 4) }, hull.ToHashSet());
    }

    [Fact]
    public void The_enclosing_rectangle_of_a_turned_rectangle_is_that_rectangle()
    {
        var angle = 25 * MathF.PI / 180;
        var u = new Vector2(MathF.Cos(angle), MathF.Sin(angle));
        var v = new Vector2(-u.Y, u.X);
        var centre = new Vector2(40, 30);
        Vector2[] corners = [centre - (u * 20) - (v * 5), centre + (u * 20) - (v * 5), centre + (u * 20) + (v * 5), centre - (u * 20) + (v * 5), centre];

        var rectangle = RotatedRectangle.Enclosing(corners);

        Assert.Equal(400, rectangle.Area, 1);
        Assert.Equal(10, rectangle.ShortSide, 3);
        Assert.Equal(centre.X, rectangle.Centre.X, 3);
        Assert.Equal(centre.Y, rectangle.Centre.Y, 3);
        var quad = rectangle.ToQuad();
        var top = quad.TopRight - quad.TopLeft;
        Assert.Equal(25, MathF.Atan2(top.Y, top.X) * 180 / MathF.PI, 2);
    }

    [Fact]
    public void Degenerate_point_sets_give_empty_rectangles_not_errors()
    {
        Assert.Equal(0, RotatedRectangle.Enclosing([new Vector2(3, 3)]).Area);
        Assert.Equal(0, RotatedRectangle.Enclosing([new Vector2(3, 3), new Vector2(3, 3)]).Area);
        Assert.Equal(0, RotatedRectangle.Enclosing([new Vector2(0, 0), new Vector2(5, 5), new Vector2(10, 10)]).ShortSide, 3);
    }

    [Fact]
    public void Growing_moves_every_side_out_by_the_distance()
    {
        var grown = RotatedRectangle.Upright([new Vector2(0, 0), new Vector2(10, 4)]).Grow(2).ToQuad();

        Assert.Equal(new TextQuad(new(-2, -2), new(12, -2), new(12, 6), new(-2, 6)), grown);
    }
}
