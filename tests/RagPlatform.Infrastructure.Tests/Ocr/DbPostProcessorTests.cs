using System.Numerics;
using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>The DB post-processing on probability maps made by hand.</summary>
public sealed class DbPostProcessorTests
{
    private readonly DbPostProcessor _postProcessor = new(threshold: 0.3f, boxThreshold: 0.6f, unclipRatio: 1.5f);

    [Fact]
    public void A_kernel_becomes_a_box_grown_by_area_times_ratio_over_perimeter()
    {
        // Kernel pixels 10..49 × 20..27: centres span 39 × 7 pixels.
        var map = Map(100, 50, (x, y) => x is >= 10 and < 50 && y is >= 20 and < 28 ? 0.9f : 0.05f);

        var (box, score) = Assert.Single(_postProcessor.Boxes(map, 100, 50));

        var grow = 39f * 7 * 1.5f / (2 * (39 + 7));
        Assert.Equal(0.9f, score, 3);
        Assert.Equal(39 + (2 * grow), box.Width, 2);
        Assert.Equal(7 + (2 * grow), box.Height, 2);
        Assert.Equal(new Vector2(30, 24), box.Centre); // Pixel areas: the kernel spans 10..50 × 20..28.
        Assert.True(box.TopLeft.X < box.TopRight.X && box.TopLeft.Y < box.BottomLeft.Y, $"corners out of reading order: {box}");
    }

    [Fact]
    public void A_tilted_kernel_gives_a_box_tilted_the_same_way()
    {
        // A band 60 long and 8 high, turned 10° clockwise (y grows to the right) about (50, 50).
        var angle = 10 * MathF.PI / 180;
        var along = new Vector2(MathF.Cos(angle), MathF.Sin(angle));
        var across = new Vector2(-along.Y, along.X);
        var map = Map(100, 100, (x, y) =>
        {
            var offset = new Vector2(x, y) - new Vector2(50, 50);
            return Math.Abs(Vector2.Dot(offset, along)) <= 30 && Math.Abs(Vector2.Dot(offset, across)) <= 4 ? 0.9f : 0;
        });

        var (box, _) = Assert.Single(_postProcessor.Boxes(map, 100, 100));

        var top = box.TopRight - box.TopLeft;
        Assert.Equal(10, MathF.Atan2(top.Y, top.X) * 180 / MathF.PI, 0);
        Assert.InRange(box.Width / box.Height, 3.0, 5.0);
    }

    [Fact]
    public void Kernels_apart_give_boxes_apart_and_touching_diagonally_gives_one()
    {
        var apart = Map(100, 40, (x, y) => y is >= 10 and < 20 && (x is >= 5 and < 40 || x is >= 60 and < 95) ? 0.9f : 0);
        // Two bars a column apart, bridged only by one pixel below the gap that touches each bar
        // at a corner: one kernel for 8-connectivity (as OpenCV's contours), three for 4.
        var diagonal = Map(100, 40, (x, y) => (y is >= 10 and < 20 && x is >= 5 and < 95 && x != 50) || (x == 50 && y == 20) ? 0.9f : 0);

        Assert.Equal(2, _postProcessor.Boxes(apart, 100, 40).Count);
        Assert.Single(_postProcessor.Boxes(diagonal, 100, 40));
    }

    [Fact]
    public void Faint_and_tiny_kernels_are_dropped()
    {
        var faint = Map(100, 40, (x, y) => x is >= 10 and < 90 && y is >= 10 and < 20 ? 0.5f : 0);
        var tiny = Map(100, 40, (x, y) => x is >= 10 and < 12 && y is >= 10 and < 12 ? 1f : 0);

        Assert.Empty(_postProcessor.Boxes(faint, 100, 40));
        Assert.Empty(_postProcessor.Boxes(tiny, 100, 40));
        Assert.Empty(_postProcessor.Boxes(new float[100 * 40], 100, 40));
    }

    [Fact]
    public void A_near_square_kernel_gets_an_upright_box()
    {
        // A disc: its tightest rectangle may lie at any angle; a character's box must not.
        var map = Map(60, 60, (x, y) => ((x - 30) * (x - 30)) + ((y - 30) * (y - 30)) <= 36 ? 0.9f : 0);

        var (box, _) = Assert.Single(_postProcessor.Boxes(map, 60, 60));

        Assert.Equal(box.TopLeft.Y, box.TopRight.Y, 3);
        Assert.Equal(box.TopLeft.X, box.BottomLeft.X, 3);
    }

    private static float[] Map(int width, int height, Func<int, int, float> probability)
    {
        var map = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                map[(y * width) + x] = probability(x, y);
            }
        }

        return map;
    }
}
