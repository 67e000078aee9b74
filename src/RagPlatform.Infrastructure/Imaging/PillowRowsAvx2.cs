using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RagPlatform.Infrastructure.Imaging;

/// <summary>Pillow's horizontal bicubic pass (see <see cref="PillowResampler"/>) with AVX2: two
/// source pixels per step, read straight from the 8-bit row and widened in the load, against their
/// two weights, each repeated for the four channels. The sums are the same integers as Pillow's
/// (integer addition in another order; no sum comes near overflow: the weights add up to
/// 2^22 and the values are at most 255), so the output is identical value for value. For a photo,
/// this pass is most of the resize: every source row of the crop, each output pixel a weighted sum
/// of some 2 × 2 × (downscale factor) source pixels.</summary>
internal static class PillowRowsAvx2
{
    public static bool IsSupported => Avx2.IsSupported;

    public static void Resample(RgbaRaster source, int firstRow, int rowCount, BicubicCoefficients horizontal, int[] intermediate)
    {
        var width = intermediate.Length / rowCount / 4;
        var pairs = (horizontal.Weights(0).Length + 1) / 2;
        var weights = ExpandWeights(horizontal, width, pairs);
        var half = Vector128.Create(1 << (PillowResampler.PrecisionBits - 1));
        ref var expanded = ref MemoryMarshal.GetArrayDataReference(weights);
        for (var y = 0; y < rowCount; y++)
        {
            var rowBytes = source.Pixels.AsSpan((firstRow + y) * source.Stride, source.Stride);
            ref var row = ref MemoryMarshal.GetReference(rowBytes);
            for (var x = 0; x < width; x++)
            {
                var (start, count) = horizontal.Bounds(x);
                var sum = Vector256<int>.Zero;
                var k = 0;
                for (; k + 1 < count; k += 2)
                {
                    var twoPixels = Vector64.LoadUnsafe(ref row, (nuint)((start + k) * 4)).ToVector128Unsafe();
                    sum += Avx2.ConvertToVector256Int32(twoPixels) * Vector256.LoadUnsafe(ref expanded, (nuint)(((x * pairs) + (k / 2)) * 8));
                }

                var total = sum.GetLower() + sum.GetUpper() + half;
                if (k < count)
                {
                    // The odd last tap alone: its neighbour may lie past the end of the row.
                    var pixel = rowBytes.Slice((start + k) * 4, 4);
                    total += Vector128.Create(pixel[0], pixel[1], pixel[2], pixel[3]) * horizontal.Weights(x)[k];
                }

                var clipped = Vector128.Clamp(Vector128.ShiftRightArithmetic(total, PillowResampler.PrecisionBits), Vector128<int>.Zero, Vector128.Create(255));
                clipped.CopyTo(intermediate.AsSpan(((y * width) + x) * 4, 4));
            }
        }
    }

    // Per output pixel, its weights in pairs, each weight four times: [w0 w0 w0 w0 w1 w1 w1 w1] ...
    private static int[] ExpandWeights(BicubicCoefficients horizontal, int width, int pairs)
    {
        var expanded = new int[width * pairs * 8];
        for (var x = 0; x < width; x++)
        {
            var weights = horizontal.Weights(x);
            for (var k = 0; k < weights.Length; k++)
            {
                expanded.AsSpan((((x * pairs) + (k / 2)) * 8) + ((k % 2) * 4), 4).Fill(weights[k]);
            }
        }

        return expanded;
    }
}
