using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>Scales a whole RGBA image for the detector in two separable passes (down the columns,
/// then along each row), edge pixels repeated, with the filters Skia's shader used here before:
/// Catmull-Rom along an axis that is enlarged (so small text stays sharp); along one that is shrunk
/// up to half, linear interpolation in the image and in its half-size mipmap blended by log2 of
/// the shrinking (trilinear), beyond that a triangle as wide as an output pixel. Skia took 31 ns
/// per output pixel (a 1x chart at 1.5×: 18 ms; a 150-dpi page at 0.87×: 57 ms, its mipmap built
/// on every call), a fifth of the detection's CPU time on charts and screenshots.</summary>
internal static class OcrResampler
{
    /// <summary>Bytes per pixel: R, G, B, A.</summary>
    private const int Channels = 4;

    /// <param name="rgba">Source pixels, <paramref name="width"/> × <paramref name="height"/>, rows
    /// top to bottom without padding.</param>
    /// <returns>The image scaled to <paramref name="outWidth"/> × <paramref name="outHeight"/>,
    /// opaque (alpha 255).</returns>
    public static byte[] Resize(ReadOnlySpan<byte> rgba, int width, int height, int outWidth, int outHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outHeight);
        ArgumentOutOfRangeException.ThrowIfLessThan(rgba.Length, width * height * Channels, nameof(rgba));
        var across = Taps.For(width, outWidth);
        var down = Taps.For(height, outHeight);
        var output = new byte[outWidth * outHeight * Channels];

        // Source rows converted to floats, kept while the next output rows still read them.
        var cache = new float[down.Count + 1][];
        var cached = new int[cache.Length];
        Array.Fill(cached, -1);
        var column = new float[width * Channels];
        for (var y = 0; y < outHeight; y++)
        {
            Array.Clear(column);
            for (var k = 0; k < down.Count; k++)
            {
                var source = down.Index[(y * down.Count) + k];
                var slot = source % cache.Length;
                if (cached[slot] != source)
                {
                    cache[slot] ??= new float[width * Channels];
                    ToFloats(rgba.Slice(source * width * Channels, width * Channels), cache[slot]);
                    cached[slot] = source;
                }

                AddScaled(cache[slot], down.Weight[(y * down.Count) + k], column);
            }

            Row(column, across, output.AsSpan(y * outWidth * Channels, outWidth * Channels));
        }

        return output;
    }

    /// <summary>One output row from a row of the vertical pass: each pixel's four channels at once,
    /// four pixels narrowed to bytes together.</summary>
    private static void Row(float[] column, Taps across, Span<byte> output)
    {
        ref var source = ref MemoryMarshal.GetArrayDataReference(column);
        ref var weights = ref MemoryMarshal.GetArrayDataReference(across.Weight);
        ref var indices = ref MemoryMarshal.GetArrayDataReference(across.Index);
        ref var target = ref MemoryMarshal.GetReference(output);
        var pixels = output.Length / Channels;
        var opaque = Vector128.Create(0xFF000000u).AsByte();
        for (var x = 0; x < pixels; x += 4)
        {
            var a = Pixel(ref source, ref weights, ref indices, across.Count, x);
            var b = x + 1 < pixels ? Pixel(ref source, ref weights, ref indices, across.Count, x + 1) : a;
            var c = x + 2 < pixels ? Pixel(ref source, ref weights, ref indices, across.Count, x + 2) : a;
            var d = x + 3 < pixels ? Pixel(ref source, ref weights, ref indices, across.Count, x + 3) : a;
            var bytes = Vector128.Narrow(Vector128.Narrow(a, b), Vector128.Narrow(c, d)).AsByte() | opaque;
            if (x + 4 <= pixels)
            {
                bytes.StoreUnsafe(ref target, (nuint)(x * Channels));
            }
            else
            {
                for (var i = 0; i < (pixels - x) * Channels; i++)
                {
                    Unsafe.Add(ref target, (x * Channels) + i) = bytes.GetElement(i);
                }
            }
        }
    }

    /// <summary>Output pixel <paramref name="x"/> as four whole numbers 0-255.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> Pixel(ref float source, ref float weights, ref int indices, int count, int x)
    {
        var sum = Vector128<float>.Zero;
        for (var k = x * count; k < (x + 1) * count; k++)
        {
            sum += Vector128.Create(Unsafe.Add(ref weights, k)) * Vector128.LoadUnsafe(ref source, (nuint)(Unsafe.Add(ref indices, k) * Channels));
        }

        return Vector128.ConvertToInt32(Vector128.Min(Vector128.Max(sum, Vector128<float>.Zero), Vector128.Create(255f)) + Vector128.Create(0.5f));
    }

    private static void ToFloats(ReadOnlySpan<byte> bytes, Span<float> floats)
    {
        var i = 0;
        for (; i <= bytes.Length - Vector<byte>.Count; i += Vector<byte>.Count)
        {
            Vector.Widen(new Vector<byte>(bytes[i..]), out var low, out var high);
            Vector.Widen(low, out var a, out var b);
            Vector.Widen(high, out var c, out var d);
            var step = Vector<uint>.Count;
            Vector.ConvertToSingle(a).CopyTo(floats[i..]);
            Vector.ConvertToSingle(b).CopyTo(floats[(i + step)..]);
            Vector.ConvertToSingle(c).CopyTo(floats[(i + (2 * step))..]);
            Vector.ConvertToSingle(d).CopyTo(floats[(i + (3 * step))..]);
        }

        for (; i < bytes.Length; i++)
        {
            floats[i] = bytes[i];
        }
    }

    private static void AddScaled(ReadOnlySpan<float> row, float weight, Span<float> sum)
    {
        var i = 0;
        var w = new Vector<float>(weight);
        for (; i <= row.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            (new Vector<float>(sum[i..]) + (w * new Vector<float>(row[i..]))).CopyTo(sum[i..]);
        }

        for (; i < row.Length; i++)
        {
            sum[i] += weight * row[i];
        }
    }

    /// <summary>For each output position along one axis, the <see cref="Count"/> source positions
    /// it reads (clamped to the image) and their weights (summing to 1).</summary>
    private sealed record Taps(int Count, int[] Index, float[] Weight)
    {
        /// <summary>Taps of a shrinking axis (at most halved): the linear interpolations in the image and in its
        /// half-size mipmap, blended by log2 of the shrinking, as Skia's trilinear sampling did.
        /// A triangle one output pixel wide instead (a blurrier filter) lost "traffic" on a page.</summary>
        private const int MipmapCount = 8;

        public static Taps For(int size, int outSize)
        {
            // Source pixels per output pixel; pixel centres at whole numbers.
            var step = (double)size / outSize;
            var count = step <= 1 ? 4 : step <= 2 ? MipmapCount : (2 * (int)Math.Ceiling(step)) + 1;
            var (index, weight) = (new int[outSize * count], new float[outSize * count]);
            Span<double> span = stackalloc double[count];
            for (var o = 0; o < outSize; o++)
            {
                var centre = ((o + 0.5) * step) - 0.5;
                span.Clear();
                var first = step switch
                {
                    <= 1 => CubicTaps(centre, span),
                    <= 2 => MipmapTaps(o, size, outSize, step, span),
                    _ => TriangleTaps(centre, step, span),
                };
                var total = 0.0;
                foreach (var w in span)
                {
                    total += w;
                }

                for (var k = 0; k < count; k++)
                {
                    (index[(o * count) + k], weight[(o * count) + k]) = (Math.Clamp(first + k, 0, size - 1), (float)(span[k] / total));
                }
            }

            return Trimmed(count, index, weight);
        }

        /// <summary>The taps without the leading and trailing ones that weigh 0 for every output
        /// position (the mipmap's span is wider than most positions need).</summary>
        private static Taps Trimmed(int count, int[] index, float[] weight)
        {
            var outSize = index.Length / count;
            var (lead, kept) = (count, 0);
            for (var o = 0; o < outSize; o++)
            {
                var row = weight.AsSpan(o * count, count);
                var first = row.IndexOfAnyExcept(0f);
                var last = row.LastIndexOfAnyExcept(0f);
                lead = Math.Min(lead, first);
                kept = Math.Max(kept, last + 1);
            }

            var trimmed = kept - lead;
            if (trimmed <= 0 || trimmed == count)
            {
                return new Taps(count, index, weight);
            }

            var (newIndex, newWeight) = (new int[outSize * trimmed], new float[outSize * trimmed]);
            for (var o = 0; o < outSize; o++)
            {
                index.AsSpan((o * count) + lead, trimmed).CopyTo(newIndex.AsSpan(o * trimmed));
                weight.AsSpan((o * count) + lead, trimmed).CopyTo(newWeight.AsSpan(o * trimmed));
            }

            return new Taps(trimmed, newIndex, newWeight);
        }

        /// <returns>The first source position; <paramref name="span"/> gets the weights from there.</returns>
        private static int CubicTaps(double centre, Span<double> span)
        {
            var first = (int)Math.Floor(centre) - 1;
            for (var k = 0; k < span.Length; k++)
            {
                span[k] = CatmullRom(Math.Abs(first + k - centre));
            }

            return first;
        }

        private static int TriangleTaps(double centre, double radius, Span<double> span)
        {
            var first = (int)Math.Ceiling(centre - radius);
            for (var k = 0; k < span.Length; k++)
            {
                span[k] = Math.Max(0, 1 - (Math.Abs(first + k - centre) / radius));
            }

            return first;
        }

        /// <summary>Level 1 of the mipmap has half the pixels (rounded down); each averages two
        /// source pixels (1/2, 1/2) along an even axis and three (1/4, 1/2, 1/4) along an odd one.</summary>
        private static int MipmapTaps(int o, int size, int outSize, double step, Span<double> span)
        {
            var upper = Math.Log2(step);
            var centre = ((o + 0.5) * step) - 0.5;
            var first = (int)Math.Floor(centre) - 3;
            var left = (int)Math.Floor(centre);
            Add(left - first, (1 - upper) * (1 - (centre - left)), span);
            Add(left + 1 - first, (1 - upper) * (centre - left), span);

            var half = Math.Max(1, size / 2);
            var centre1 = ((o + 0.5) * half / outSize) - 0.5;
            var left1 = (int)Math.Floor(centre1);
            AddLevel1(left1, upper * (1 - (centre1 - left1)), size, half, first, span);
            AddLevel1(left1 + 1, upper * (centre1 - left1), size, half, first, span);
            return first;

            static void AddLevel1(int position, double w, int size, int half, int first, Span<double> span)
            {
                var j = Math.Clamp(position, 0, half - 1);
                if (size % 2 == 1 && size > 1)
                {
                    Add((2 * j) - first, w / 4, span);
                    Add((2 * j) + 1 - first, w / 2, span);
                    Add((2 * j) + 2 - first, w / 4, span);
                }
                else
                {
                    Add((2 * j) - first, w / 2, span);
                    Add((2 * j) + 1 - first, w / 2, span);
                }
            }

            static void Add(int k, double w, Span<double> span) => span[Math.Clamp(k, 0, span.Length - 1)] += w;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static double CatmullRom(double x) => x switch
        {
            < 1 => (((1.5 * x) - 2.5) * x * x) + 1,
            < 2 => (((((-0.5 * x) + 2.5) * x) - 4) * x) + 2,
            _ => 0,
        };
    }
}
