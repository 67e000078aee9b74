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
    private const int PrecisionBits = 32 - 8 - 2;

    public static RgbaRaster ResizeBicubic(RgbaRaster source, int outWidth, int outHeight, PixelWindow window)
    {
        CheckWindow(outWidth, outHeight, window);
        var needHorizontal = outWidth != source.Width;
        var needVertical = outHeight != source.Height;
        if (!needHorizontal && !needVertical)
        {
            return source.Crop(window.Left, window.Top, window.Width, window.Height);
        }

        var vertical = needVertical ? Coefficients.Compute(source.Height, outHeight, window.Top, window.Height) : null;
        var firstRow = vertical?.FirstSourceIndex ?? window.Top;
        var rowCount = vertical?.SourceSpan ?? window.Height;

        // The intermediate image holds 8-bit values (Pillow clips after each pass), kept as one
        // int per channel so that the vertical pass can add whole rows with vector instructions.
        var intermediate = new int[rowCount * window.Width * 4];
        if (needHorizontal)
        {
            var horizontal = Coefficients.Compute(source.Width, outWidth, window.Left, window.Width);
            ResampleRows(source, firstRow, rowCount, horizontal, intermediate);
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
    private static void ResampleRows(RgbaRaster source, int firstRow, int rowCount, Coefficients horizontal, int[] intermediate)
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
    private static void ResampleColumns(int[] intermediate, int width, int firstRow, Coefficients vertical, RgbaRaster output)
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

    /// <summary>Pillow's precompute_coeffs + normalize_coeffs_8bpc for the output indices
    /// [first, first + count) of one axis.</summary>
    private sealed class Coefficients
    {
        private readonly int[] _bounds;
        private readonly int[] _weights;
        private readonly int _kernelSize;

        private Coefficients(int[] bounds, int[] weights, int kernelSize)
        {
            _bounds = bounds;
            _weights = weights;
            _kernelSize = kernelSize;
            FirstSourceIndex = int.MaxValue;
            var last = 0;
            for (var i = 0; i < bounds.Length; i += 2)
            {
                FirstSourceIndex = Math.Min(FirstSourceIndex, bounds[i]);
                last = Math.Max(last, bounds[i] + bounds[i + 1]);
            }

            SourceSpan = last - FirstSourceIndex;
        }

        public int FirstSourceIndex { get; }

        public int SourceSpan { get; }

        public (int Start, int Count) Bounds(int index) => (_bounds[index * 2], _bounds[(index * 2) + 1]);

        public ReadOnlySpan<int> Weights(int index) => _weights.AsSpan(index * _kernelSize, _kernelSize);

        public static Coefficients Compute(int inSize, int outSize, int first, int count)
        {
            const double BicubicSupport = 2.0;
            var scale = (double)inSize / outSize;
            var filterScale = Math.Max(scale, 1.0);
            var support = BicubicSupport * filterScale;
            var kernelSize = ((int)Math.Ceiling(support) * 2) + 1;
            var bounds = new int[count * 2];
            var weights = new int[count * kernelSize];
            var kernel = new double[kernelSize];
            for (var i = 0; i < count; i++)
            {
                var center = (first + i + 0.5) * scale;
                var inverse = 1.0 / filterScale;
                var min = Math.Max((int)(center - support + 0.5), 0);
                var max = Math.Min((int)(center + support + 0.5), inSize) - min;
                var total = 0.0;
                Array.Clear(kernel);
                for (var x = 0; x < max; x++)
                {
                    var weight = Bicubic((x + min - center + 0.5) * inverse);
                    kernel[x] = weight;
                    total += weight;
                }

                for (var x = 0; x < kernelSize; x++)
                {
                    var normalised = total != 0.0 && x < max ? kernel[x] / total : kernel[x];
                    weights[(i * kernelSize) + x] = normalised < 0
                        ? (int)(-0.5 + (normalised * (1 << PrecisionBits)))
                        : (int)(0.5 + (normalised * (1 << PrecisionBits)));
                }

                bounds[i * 2] = min;
                bounds[(i * 2) + 1] = max;
            }

            return new Coefficients(bounds, weights, kernelSize);
        }

        // Pillow's bicubic_filter with a = −0.5, operations in its order.
        private static double Bicubic(double x)
        {
            const double A = -0.5;
            if (x < 0.0)
            {
                x = -x;
            }

            if (x < 1.0)
            {
                return ((((A + 2.0) * x) - (A + 3.0)) * x * x) + 1;
            }

            if (x < 2.0)
            {
                return ((((((x - 5) * x) + 8) * x) - 4) * A);
            }

            return 0.0;
        }
    }
}
