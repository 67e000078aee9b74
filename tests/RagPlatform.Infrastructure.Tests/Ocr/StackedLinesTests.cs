using System.Numerics;
using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>Pieces of a turned line (a y-axis title split between its words) joined into one
/// vertical line; stacked tick labels, lines apart, left alone.</summary>
public sealed class StackedLinesTests
{
    [Fact]
    public void Two_pieces_stacked_in_one_narrow_column_become_one_vertical_line()
    {
        // errorbar.png's "sin (x)": "(x)" above "sin", each a little higher than wide, 3 px apart.
        var boxes = new List<TextQuad> { Box(17, 229, 25, 28), Box(18, 260, 24, 30), Box(200, 480, 14, 19) };

        var joined = StackedLines.Join(boxes);

        Assert.Equal(2, joined.Count);
        Assert.Contains(Box(200, 480, 14, 19), joined);
        var line = Assert.Single(joined, box => box.Left < 100);
        Assert.Equal((17f, 229f, 42f, 290f), (line.Left, line.Top, line.Right, line.Bottom));
        Assert.True(line.Height >= StackedLines.VerticalAspect * line.Width);
    }

    [Fact]
    public void Tick_labels_stacked_on_an_axis_stay_apart()
    {
        // y-axis "1" and "0": one above the other, but far more than a word space apart.
        var boxes = new List<TextQuad> { Box(75, 40, 11, 15), Box(75, 130, 11, 15) };

        Assert.Equal(boxes, StackedLines.Join(boxes));
    }

    [Fact]
    public void Wide_lines_above_each_other_stay_apart()
    {
        var boxes = new List<TextQuad> { Box(10, 10, 60, 18), Box(10, 30, 60, 18) };

        Assert.Equal(boxes, StackedLines.Join(boxes));
    }

    private static TextQuad Box(float left, float top, float width, float height) =>
        new(new Vector2(left, top), new Vector2(left + width, top), new Vector2(left + width, top + height), new Vector2(left, top + height));
}
