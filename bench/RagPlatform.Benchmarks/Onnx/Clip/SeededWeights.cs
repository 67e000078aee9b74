using RagPlatform.OnnxGraphs;

namespace RagPlatform.Benchmarks.Onnx.Clip;

/// <summary>Deterministic pseudo-random weights. Each tensor's stream is seeded from the model seed
/// and the tensor's name, so a tensor's values do not depend on the order tensors are created in.
/// Values are uniform with the requested standard deviation (half-width = std·√3).</summary>
internal sealed class SeededWeights(ulong seed)
{
    public OnnxTensor Uniform(OnnxTensor tensor, double standardDeviation) =>
        Around(tensor, 0, standardDeviation);

    /// <summary>Fills with <paramref name="center"/> ± noise (layer-norm gains around 1).</summary>
    public OnnxTensor Around(OnnxTensor tensor, double center, double standardDeviation)
    {
        var halfWidth = standardDeviation * Math.Sqrt(3);
        var state = seed ^ NameHash(tensor.Name);
        var data = tensor.FloatData;
        for (var i = 0; i < data.Length; i++)
        {
            // 24 random bits make every float in [0, 1) equally likely at float precision.
            var unit = (NextUInt64(ref state) >> 40) * (1.0 / (1UL << 24));
            data[i] = (float)(center + ((2 * unit) - 1) * halfWidth);
        }

        return tensor;
    }

    /// <summary>SplitMix64: tiny, fast, and good enough for weights and test vectors.</summary>
    public static ulong NextUInt64(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A stable 64-bit hash of a name, to derive per-item seeds.</summary>
    public static ulong NameHash(string name)
    {
        // FNV-1a: string.GetHashCode is randomised per process and would break determinism.
        var hash = 0xCBF29CE484222325UL;
        foreach (var character in name)
        {
            hash = (hash ^ character) * 0x100000001B3UL;
        }

        return hash;
    }
}
