using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RagPlatform.Infrastructure.Imaging;

/// <summary>Pillow's <c>Image.resize</c> for 8-bit images, reproduced value for value so that CLIP
/// sees the pixels the reference saw (Pillow 9.4, Resample.c and Geometry.c).
/// <para>Bicubic: the kernel with a = −0.5, its support widened by the downscale factor
/// (antialiasing), weights normalised in double precision and then rounded to 22-bit fixed point;
/// a horizontal pass into an 8-bit intermediate image, then a vertical pass, each rounding half up
/// and clipping to 0..255. Nearest: Pillow's affine scaling, which samples at
/// floor((x + 0.5)·scale) with the position accumulated in double precision.</para>
/// <para>Both compute only a window of the output: each output pixel depends on its own
/// coefficients alone, so resizing to 300 × 224 and cropping 224 × 224 equals resizing the window,
/// which saves the work (and memory) of pixels that the crop throws away.</para>
/// Every raster here is opaque; alpha is written as 255.</summary>
internal static class PillowResampler
{
    /// <summary>Fixed-point fraction bits of Pillow's 8-bit resampling weights.</summary>
    internal const int PrecisionBits = 32 - 8 - 2;

    public static RgbaRaster ResizeBicubic(RgbaRaster source, int outWidth, int outHeight, PixelWindow window)
    {
        CheckWindow(outWidth, outHeight, window);
        var needHorizontal = outWidth != source.Width;
        var needVertical = outHeight != source.Height;
        if (!needHorizontal && !needVertical)
        {
            return source.Crop(window.Left, window.Top, window.Width, window.Height);
        }

        var vertical = needVertical ? BicubicCoefficients.Compute(source.Height, outHeight, window.Top, window.Height) : null;
        var firstRow = vertical?.FirstSourceIndex ?? window.Top;
        var rowCount = vertical?.SourceSpan ?? window.Height;

        // The intermediate image holds 8-bit values (Pillow clips after each pass), kept as one
        // int per channel so that the vertical pass can add whole rows with vector instructions.
        var intermediate = new int[rowCount * window.Width * 4];
        if (needHorizontal)
        {
            var horizontal = BicubicCoefficients.Compute(source.Width, outWidth, window.Left, window.Width);
            if (PillowRowsAvx2.IsSupported)
            {
                PillowRowsAvx2.Resample(source, firstRow, rowCount, horizontal, intermediate);
            }
            else
            {
                ResampleRows(source, firstRow, rowCount, horizontal, intermediate);
            }
        }
        else
        {
            for (var y = 0; y < rowCount; y++)
            {
                Widen(source.Pixels.AsSpan(((firstRow + y) * source.Stride) + (window.Left * 4), window.Width * 4), intermediate.AsSpan(y * window.Width * 4));
            }
        }

        var output = new RgbaRaster(window.Width, window.Height);
        if (vertical is null)
        {
            Narrow(intermediate, output.Pixels);
        }
        else
        {
            ResampleColumns(intermediate, window.Width, firstRow, vertical, output);
        }

        return output;
    }

    public static RgbaRaster ResizeNearest(RgbaRaster source, int outWidth, int outHeight, PixelWindow window)
    {
        CheckWindow(outWidth, outHeight, window);
        var columns = NearestPositions(source.Width, outWidth, window.Left, window.Width);
        var rows = NearestPositions(source.Height, outHeight, window.Top, window.Height);
        var output = new RgbaRaster(window.Width, window.Height);
        var input = MemoryMarshal.Cast<byte, uint>(source.Pixels.AsSpan());
        var pixels = MemoryMarshal.Cast<byte, uint>(output.Pixels.AsSpan());
        for (var y = 0; y < window.Height; y++)
        {
            var sourceRow = input.Slice(rows[y] * source.Width, source.Width);
            var outputRow = pixels.Slice(y * window.Width, window.Width);
            for (var x = 0; x < window.Width; x++)
            {
                outputRow[x] = sourceRow[columns[x]];
            }
        }

        return output;
    }

    // Pillow's ImagingScaleAffine: position = a·0.5, then += a per pixel (a = in/out), truncated.
    private static int[] NearestPositions(int inSize, int outSize, int first, int count)
    {
        var scale = (double)inSize / outSize;
        var position = scale * 0.5;
        var positions = new int[count];
        for (var i = 0; i < first + count; i++)
        {
            if (i >= first)
            {
                positions[i - first] = Math.Clamp((int)position, 0, inSize - 1);
            }

            position += scale;
        }

        return positions;
    }

    // Pillow's horizontal pass: per output pixel, the weighted sum of its source pixels, rounded
    // (the accumulator starts at one half) and clipped. The four channels of a pixel ride in one
    // 128-bit vector; the integer arithmetic is Pillow's, lane by lane.
    private static void ResampleRows(RgbaRaster source, int firstRow, int rowCount, BicubicCoefficients horizontal, int[] intermediate)
    {
        var width = intermediate.Length / rowCount / 4;
        var row = new int[source.Width * 4];
        var half = Vector128.Create(1 << (PrecisionBits - 1));
        for (var y = 0; y < rowCount; y++)
        {
            Widen(source.Pixels.AsSpan((firstRow + y) * source.Stride, source.Stride), row);
            ref var rowStart = ref MemoryMarshal.GetArrayDataReference(row);
            for (var x = 0; x < width; x++)
            {
                var (start, count) = horizontal.Bounds(x);
                var weights = horizontal.Weights(x);
                var sum = half;
                for (var k = 0; k < count; k++)
                {
                    sum += Vector128.LoadUnsafe(ref rowStart, (nuint)((start + k) * 4)) * weights[k];
                }

                Clip8(sum).CopyTo(intermediate.AsSpan(((y * width) + x) * 4, 4));
            }
        }
    }

    // Pillow's vertical pass: each output row is a weighted sum of intermediate rows; whole rows
    // are added at once.
    private static void ResampleColumns(int[] intermediate, int width, int firstRow, BicubicCoefficients vertical, RgbaRaster output)
    {
        var rowLength = width * 4;
        var sum = new int[rowLength];
        for (var y = 0; y < output.Height; y++)
        {
            var (start, count) = vertical.Bounds(y);
            var weights = vertical.Weights(y);
            Array.Fill(sum, 1 << (PrecisionBits - 1));
            for (var k = 0; k < count; k++)
            {
                var source = intermediate.AsSpan((start - firstRow + k) * rowLength, rowLength);
                var weight = weights[k];
                var i = 0;
                for (; i <= rowLength - Vector<int>.Count; i += Vector<int>.Count)
                {
                    (new Vector<int>(sum.AsSpan(i)) + (new Vector<int>(source[i..]) * weight)).CopyTo(sum.AsSpan(i));
                }

                for (; i < rowLength; i++)
                {
                    sum[i] += source[i] * weight;
                }
            }

            var pixels = output.Pixels.AsSpan(y * output.Stride, output.Stride);
            for (var i = 0; i < rowLength; i++)
            {
                pixels[i] = (byte)Math.Clamp(sum[i] >> PrecisionBits, 0, 255);
            }
        }

        SetOpaque(output.Pixels);
    }

    private static Vector128<int> Clip8(Vector128<int> sum) =>
        Vector128.Clamp(Vector128.ShiftRightArithmetic(sum, PrecisionBits), Vector128<int>.Zero, Vector128.Create(255));

    private static void Widen(ReadOnlySpan<byte> bytes, Span<int> values)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            values[i] = bytes[i];
        }
    }

    private static void Narrow(int[] values, byte[] bytes)
    {
        for (var i = 0; i < values.Length; i++)
        {
            bytes[i] = (byte)values[i];
        }

        SetOpaque(bytes);
    }

    private static void SetOpaque(byte[] pixels)
    {
        for (var i = 3; i < pixels.Length; i += 4)
        {
            pixels[i] = 255;
        }
    }

    private static void CheckWindow(int outWidth, int outHeight, PixelWindow window)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outHeight);
        if (window.Left < 0 || window.Top < 0 || window.Width <= 0 || window.Height <= 0 ||
            window.Left + window.Width > outWidth || window.Top + window.Height > outHeight)
        {
            throw new ArgumentOutOfRangeException(nameof(window), $"The window {window} is not inside the {outWidth} × {outHeight} output.");
        }
    }
}
