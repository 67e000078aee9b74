namespace RagPlatform.Infrastructure.Imaging;

/// <summary>Pillow's precompute_coeffs + normalize_coeffs_8bpc for the output indices
/// [first, first + count) of one axis.</summary>
internal sealed class BicubicCoefficients
{
    private readonly int[] _bounds;
    private readonly int[] _weights;
    private readonly int _kernelSize;

    private BicubicCoefficients(int[] bounds, int[] weights, int kernelSize)
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

    public static BicubicCoefficients Compute(int inSize, int outSize, int first, int count)
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
                    ? (int)(-0.5 + (normalised * (1 << PillowResampler.PrecisionBits)))
                    : (int)(0.5 + (normalised * (1 << PillowResampler.PrecisionBits)));
            }

            bounds[i * 2] = min;
            bounds[(i * 2) + 1] = max;
        }

        return new BicubicCoefficients(bounds, weights, kernelSize);
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
