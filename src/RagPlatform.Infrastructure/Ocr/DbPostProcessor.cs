using System.Numerics;
using System.Runtime.InteropServices;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>Turns the detector's probability map into text boxes, as PaddleOCR's DBPostProcess does
/// with its default "quad" boxes and "fast" scores: pixels above the threshold form kernels
/// (8-connected, as OpenCV's contours follow them); each kernel's minimum-area rectangle is kept
/// when it is at least <see cref="MinSize"/> pixels across and its mean probability reaches the box
/// threshold, then grown by area × unclip ratio / perimeter, because the network was trained to
/// mark a shrunk copy of each line.</summary>
internal sealed class DbPostProcessor(float threshold, float boxThreshold, float unclipRatio, float minSize = DbPostProcessor.MinSize)
{
    /// <summary>Kernels narrower than this (pixels of the map) are noise (PaddleOCR's min_size); the default of <c>minSize</c>.</summary>
    public const float MinSize = 3;

    /// <summary>An upright kernel box may be this much larger than the tightest one and still be
    /// preferred. A line of text tilted by 1° is already about 1.3 times larger upright.</summary>
    private const float UprightTolerance = 1.1f;

    /// <summary>A kernel must be this many times longer than high for its own angle to count.</summary>
    private const float MinElongation = 2f;

    /// <summary>Cap on boxes from one map, so that a noise pattern cannot make thousands of crops.</summary>
    public const int MaxBoxes = 5000;

    /// <param name="map">Probabilities, row-major, <paramref name="height"/> rows of <paramref name="width"/>.</param>
    /// <returns>Boxes in pixels of the map (pixel i spans [i, i + 1)), with their mean probability.</returns>
    public List<(TextQuad Box, float Score)> Boxes(ReadOnlySpan<float> map, int width, int height)
    {
        var inside = new bool[map.Length];
        for (var i = 0; i < map.Length; i++)
        {
            inside[i] = map[i] > threshold;
        }

        var boxes = new List<(TextQuad, float)>();
        var stack = new Stack<int>();
        var rowMin = new int[height];
        var rowMax = new int[height];
        var hullPoints = new List<Vector2>();
        for (var start = 0; start < inside.Length && boxes.Count < MaxBoxes; start++)
        {
            if (!inside[start])
            {
                continue;
            }

            var (top, bottom) = FloodFill(inside, width, height, start, stack, rowMin, rowMax);

            // The hull of a kernel is the hull of each row's outermost pixels (pixel centres, as
            // OpenCV's contour points are).
            hullPoints.Clear();
            for (var y = top; y <= bottom; y++)
            {
                if (rowMin[y] <= rowMax[y])
                {
                    hullPoints.Add(new Vector2(rowMin[y], y));
                    hullPoints.Add(new Vector2(rowMax[y], y));
                }
            }

            var kernel = Kernel(CollectionsMarshal.AsSpan(hullPoints));
            if (kernel.ShortSide < minSize)
            {
                continue;
            }

            var score = MeanInside(map, width, height, kernel);
            if (score < boxThreshold)
            {
                continue;
            }

            var grown = kernel.Grow(kernel.Area * unclipRatio / kernel.Perimeter);
            if (grown.ShortSide < minSize + 2)
            {
                continue;
            }

            // Pixel centres to pixel areas: the centre of pixel i is at i + 0.5.
            var shifted = grown with { Centre = grown.Centre + new Vector2(0.5f) };
            boxes.Add((shifted.ToQuad(), score));
        }

        return boxes;
    }

    /// <summary>The kernel's minimum-area rectangle, or its upright one when that is barely larger
    /// or the kernel is not elongated: the angle of a near-square kernel (one character, a short
    /// number) says nothing about the text's direction, and a box turned by 45° around a digit
    /// makes a crop nobody can read.</summary>
    private static RotatedRectangle Kernel(ReadOnlySpan<Vector2> points)
    {
        var tightest = RotatedRectangle.Enclosing(points);
        var upright = RotatedRectangle.Upright(points);
        var elongated = Math.Max(tightest.HalfU, tightest.HalfV) >= MinElongation * Math.Min(tightest.HalfU, tightest.HalfV);
        return !elongated || upright.Area <= tightest.Area * UprightTolerance ? upright : tightest;
    }

    /// <summary>Clears one 8-connected kernel from <paramref name="inside"/> and records each row's
    /// leftmost and rightmost pixel.</summary>
    private static (int Top, int Bottom) FloodFill(bool[] inside, int width, int height, int start, Stack<int> stack, int[] rowMin, int[] rowMax)
    {
        var top = start / width;
        var bottom = top;
        rowMin[top] = int.MaxValue;
        rowMax[top] = int.MinValue;
        inside[start] = false;
        stack.Push(start);
        while (stack.Count > 0)
        {
            var index = stack.Pop();
            var (y, x) = Math.DivRem(index, width);
            if (y > bottom)
            {
                for (var row = bottom + 1; row <= y; row++)
                {
                    (rowMin[row], rowMax[row]) = (int.MaxValue, int.MinValue);
                }

                bottom = y;
            }

            // Scanning starts at the kernel's first pixel in row order, so no pixel lies above top.
            rowMin[y] = Math.Min(rowMin[y], x);
            rowMax[y] = Math.Max(rowMax[y], x);
            for (var dy = -1; dy <= 1; dy++)
            {
                var ny = y + dy;
                if (ny < 0 || ny >= height)
                {
                    continue;
                }

                for (var dx = -1; dx <= 1; dx++)
                {
                    var nx = x + dx;
                    if (nx < 0 || nx >= width)
                    {
                        continue;
                    }

                    var neighbour = (ny * width) + nx;
                    if (inside[neighbour])
                    {
                        inside[neighbour] = false;
                        stack.Push(neighbour);
                    }
                }
            }
        }

        return (top, bottom);
    }

    /// <summary>Mean probability over the pixels whose centres lie in the rectangle (half a pixel
    /// of tolerance, as OpenCV's fillPoly also fills the pixels its edges pass through).</summary>
    private static float MeanInside(ReadOnlySpan<float> map, int width, int height, RotatedRectangle box)
    {
        var quad = box.ToQuad();
        var left = Math.Clamp((int)MathF.Floor(quad.Left), 0, width - 1);
        var right = Math.Clamp((int)MathF.Ceiling(quad.Right), 0, width - 1);
        var top = Math.Clamp((int)MathF.Floor(quad.Top), 0, height - 1);
        var bottom = Math.Clamp((int)MathF.Ceiling(quad.Bottom), 0, height - 1);
        double sum = 0;
        var count = 0;
        for (var y = top; y <= bottom; y++)
        {
            for (var x = left; x <= right; x++)
            {
                var offset = new Vector2(x, y) - box.Centre;
                if (Math.Abs(Vector2.Dot(offset, box.AxisU)) <= box.HalfU + 0.5f && Math.Abs(Vector2.Dot(offset, box.AxisV)) <= box.HalfV + 0.5f)
                {
                    sum += map[(y * width) + x];
                    count++;
                }
            }
        }

        return count == 0 ? 0 : (float)(sum / count);
    }
}
