using RagPlatform.OnnxGraphs;

namespace RagPlatform.Infrastructure.Tests.Onnx;

/// <summary>Seeded weights for the small graphs the ONNX tests generate.</summary>
internal static class RandomWeights
{
    /// <summary>Fills <paramref name="tensor"/> uniformly with standard deviation <paramref name="scale"/>.</summary>
    public static OnnxTensor Filled(OnnxTensor tensor, Random random, double scale)
    {
        var data = tensor.FloatData;
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)(((random.NextDouble() * 2) - 1) * scale * Math.Sqrt(3));
        }

        return tensor;
    }
}
