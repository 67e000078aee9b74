using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using RagPlatform.Infrastructure.Imaging;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>Cuts an upright box (no rotation, no shear, no mirroring) out of an image with Skia's
/// Catmull-Rom sampling and writes it straight into a recogniser or classifier slot, the floats
/// <see cref="OcrTensors.WriteLine"/> makes of the bytes Skia's shader draws. Upright boxes are the
/// usual case on screenshots and charts (text 10-16 px high enlarged to 48 rows); there each output
/// column reads the same four source columns on every row and each output row the same four
/// source rows, so the taps are worked out once per column and once per row instead of once per
/// pixel, and a row of output is done 8 pixels at a time. Skia's shader took 46 ns an output pixel.
///
/// The arithmetic is Skia's <c>bicubic_clamp_8888</c> stage (SkRasterPipeline_opts.h, highp) in the
/// SkiaSharp build's tier, which does not fuse multiply-adds (fused, about one value in 20,000 of the
/// test's crops came out a level apart; unfused, none): sample centre (u + 0.5)·scale + translate; weights
/// from its fraction t = fract(centre + 0.5) by Horner's rule on the Catmull-Rom matrix (B = 0,
/// C = 1/2); taps at floor(centre − 1.5 + k) clamped to the image; bytes times 1/255; the 16 taps
/// added in Skia's order, each with weight wx·wy; clamped, times 255 and rounded to even. The sum is
/// not split into a horizontal and a vertical pass: that rounds differently and changes a byte now
/// and then, and the readings must stay those Skia's pixels give.</summary>
internal static class UprightCubicCrop
{
    private const int Taps = 4;

    /// <summary>Colour planes of a slot, in PaddleOCR's BGR order.</summary>
    private const int Planes = 3;

    /// <summary>Each byte as Skia's <c>from_8888</c> reads it: byte × (1/255), in floats.</summary>
    private static readonly float[] Unit = [.. Enumerable.Range(0, 256).Select(value => value * (1 / 255f))];

    /// <summary>The Catmull-Rom weight of tap <c>k</c> (0-3) is A + t·(B + t·(C + t·D)) with t the sample's
    /// fraction (Skia's CubicResamplerMatrix at B = 0, C = 1/2: exact in floats).</summary>
    private static readonly float[] A = [0, 1, 0, 0], B = [-0.5f, 0, 0.5f, 0], C = [1, -2.5f, 2, -0.5f], D = [-0.5f, 1.5f, -1.5f, 0.5f];

    /// <summary>Whether <see cref="Write"/> takes a box whose output → image map is this
    /// scale and translation: upright (positive scales) and an output at least a vector wide.</summary>
    public static bool Takes(float scaleX, float scaleY, int width) => scaleX > 0 && scaleY > 0 && width >= Vector256<float>.Count;

    /// <summary>Writes the <paramref name="width"/> × <paramref name="height"/> crop whose output pixel
    /// centre (u + 0.5, v + 0.5) reads the image at (scale · (u + 0.5) + translate) on each axis into
    /// <paramref name="slot"/> ([3, height, slotWidth], columns right of the crop set to 0).</summary>
    public static void Write(RgbaRaster image, (float Scale, float Translate) x, (float Scale, float Translate) y, int width, int height, Span<float> slot, int slotWidth)
    {
        if (!Takes(x.Scale, y.Scale, width) || width > slotWidth || slot.Length != Planes * height * slotWidth)
        {
            throw new ArgumentException($"A {width} × {height} crop does not fit a slot {slotWidth} wide of {slot.Length} values.", nameof(slot));
        }

        // Pooled: the recogniser cuts every line of every image.
        var columns = ArrayPool<int>.Shared.Rent(Taps * width);
        var columnWeights = ArrayPool<float>.Shared.Rent(Taps * width);
        var rows = ArrayPool<int>.Shared.Rent(Taps * height);
        var rowWeights = ArrayPool<float>.Shared.Rent(Taps * height);
        var expanded = ArrayPool<float>.Shared.Rent(Taps * Planes * Taps * width);
        Span<int> expandedRow = [-1, -1, -1, -1];
        Span<int> rowSlots = stackalloc int[Taps];
        Span<float> rowWeight = stackalloc float[Taps];
        try
        {
            AxisTaps(x.Scale, x.Translate, image.Width, width, columns, columnWeights);
            AxisTaps(y.Scale, y.Translate, image.Height, height, rows, rowWeights);
            var plane = height * slotWidth;
            for (var v = 0; v < height; v++)
            {
                // An output row reads at most four consecutive source rows, and the next rows read
                // the same or later ones: four slots, each row in slot row % 4, expanded once.
                for (var k = 0; k < Taps; k++)
                {
                    var source = rows[(k * height) + v];
                    (rowSlots[k], rowWeight[k]) = (source % Taps, rowWeights[(k * height) + v]);
                    if (expandedRow[rowSlots[k]] != source)
                    {
                        Expand(image, source, columns.AsSpan(0, Taps * width), expanded.AsSpan(rowSlots[k] * Planes * Taps * width, Planes * Taps * width));
                        expandedRow[rowSlots[k]] = source;
                    }
                }

                WriteRow(expanded, columnWeights, rowSlots, rowWeight, width, slot[(v * slotWidth)..], plane);
                for (var p = 0; p < Planes; p++)
                {
                    slot.Slice((p * plane) + (v * slotWidth) + width, slotWidth - width).Clear();
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(expanded);
            ArrayPool<float>.Shared.Return(rowWeights);
            ArrayPool<int>.Shared.Return(rows);
            ArrayPool<float>.Shared.Return(columnWeights);
            ArrayPool<int>.Shared.Return(columns);
        }
    }

    /// <summary>For each of <paramref name="count"/> output positions along one axis, the four source
    /// positions Skia's stage reads and their weights, tap by tap (<c>index[k * count + o]</c>), with
    /// its float arithmetic step by step.</summary>
    private static void AxisTaps(float scale, float translate, int size, int count, int[] index, float[] weight)
    {
        for (var o = 0; o < count; o++)
        {
            var centre = ((o + 0.5f) * scale) + translate;
            var shifted = centre + 0.5f;
            var t = shifted - MathF.Floor(shifted);
            var sample = centre - 1.5f;
            for (var k = 0; k < Taps; k++)
            {
                index[(k * count) + o] = (int)Math.Clamp(MathF.Floor(sample), 0, size - 1);
                weight[(k * count) + o] = (t * ((t * ((t * D[k]) + C[k])) + B[k])) + A[k];
                sample += 1;
            }
        }
    }

    /// <summary>Source row <paramref name="row"/> as Skia's stage reads it for each output column:
    /// <c>target[(plane * 4 + k) * width + u]</c> is tap k of column u, planes in BGR order.</summary>
    private static void Expand(RgbaRaster image, int row, ReadOnlySpan<int> columns, Span<float> target)
    {
        var width = columns.Length / Taps;
        var pixels = image.Pixels.AsSpan(row * image.Stride, image.Stride);
        var unit = Unit.AsSpan();
        for (var k = 0; k < Taps; k++)
        {
            var blue = target.Slice(k * width, width);
            var green = target.Slice((Taps + k) * width, width);
            var red = target.Slice(((2 * Taps) + k) * width, width);
            for (var u = 0; u < width; u++)
            {
                var pixel = pixels.Slice(columns[(k * width) + u] * 4, 4);
                (red[u], green[u], blue[u]) = (unit[pixel[0]], unit[pixel[1]], unit[pixel[2]]);
            }
        }
    }

    /// <summary>One output row into its three planes (<paramref name="slot"/> starts at the row in the blue
    /// plane), 8 columns at a time; the last 8 overlap the ones before when the width is no multiple
    /// of 8 (they are computed again, to the same values).</summary>
    private static void WriteRow(float[] expanded, float[] columnWeights, ReadOnlySpan<int> rowSlots, ReadOnlySpan<float> rowWeights, int width, Span<float> slot, int plane)
    {
        var step = Vector256<float>.Count;
        var size = Planes * Taps * width;
        ref var source = ref MemoryMarshal.GetArrayDataReference(expanded);
        ref var weights = ref MemoryMarshal.GetArrayDataReference(columnWeights);
        ref var target = ref MemoryMarshal.GetReference(slot);
        for (var start = 0; start < width; start += step)
        {
            var u = (nuint)Math.Min(start, width - step);
            var (blue, green, red) = (Vector256<float>.Zero, Vector256<float>.Zero, Vector256<float>.Zero);
            for (var yy = 0; yy < Taps; yy++)
            {
                ref var row = ref Unsafe.Add(ref source, rowSlots[yy] * size);
                var rowWeight = rowWeights[yy];
                for (var xx = 0; xx < Taps; xx++)
                {
                    var weight = Vector256.LoadUnsafe(ref weights, ((nuint)xx * (nuint)width) + u) * rowWeight;
                    blue += weight * Vector256.LoadUnsafe(ref row, ((nuint)xx * (nuint)width) + u);
                    green += weight * Vector256.LoadUnsafe(ref row, ((nuint)(Taps + xx) * (nuint)width) + u);
                    red += weight * Vector256.LoadUnsafe(ref row, ((nuint)((2 * Taps) + xx) * (nuint)width) + u);
                }
            }

            LineValue(blue).StoreUnsafe(ref target, u);
            LineValue(green).StoreUnsafe(ref target, (nuint)plane + u);
            LineValue(red).StoreUnsafe(ref target, (nuint)(2 * plane) + u);
        }
    }

    /// <summary>A sampled value as Skia stores it (clamped, × 255, rounded to even) and then as the
    /// network reads that byte: byte / 127.5 − 1, the float <see cref="OcrTensors"/>' table holds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> LineValue(Vector256<float> sum)
    {
        var level = Vector256.Round(Vector256.Min(Vector256.Max(sum, Vector256<float>.Zero), Vector256<float>.One) * 255f);
        return (level / 127.5f) - Vector256<float>.One;
    }
}
