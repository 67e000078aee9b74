using Microsoft.ML.OnnxRuntime;
using RagPlatform.Benchmarks.Onnx.Clip;

namespace RagPlatform.Benchmarks.Inference;

/// <summary>An input tensor and its output tensor over pinned managed arrays, built once and
/// reused across timed calls.</summary>
internal sealed class TowerBatch : IDisposable
{
    private TowerBatch(OrtValue input, Array inputData, int batchSize, int embeddingSize)
    {
        Input = input;
        InputData = inputData;
        BatchSize = batchSize;
        EmbeddingSize = embeddingSize;
        Output = new float[batchSize * embeddingSize];
        OutputValue = OrtValue.CreateTensorValueFromMemory(Output, [batchSize, embeddingSize]);
        Inputs = [input];
        Outputs = [OutputValue];
    }

    public OrtValue Input { get; }

    /// <summary>The managed array behind <see cref="Input"/> (float pixels or long ids).</summary>
    public Array InputData { get; }

    public OrtValue OutputValue { get; }

    /// <summary>The same values as one-element lists, built once so a timed run allocates nothing.</summary>
    public IReadOnlyCollection<OrtValue> Inputs { get; }

    public IReadOnlyCollection<OrtValue> Outputs { get; }

    public int BatchSize { get; }

    public int EmbeddingSize { get; }

    /// <summary>[batch, embedding] row-major, rewritten by every run.</summary>
    public float[] Output { get; }

    public ReadOnlySpan<float> Embedding(int row) => Output.AsSpan(row * EmbeddingSize, EmbeddingSize);

    public static TowerBatch ForPixels(float[] pixels, int batch, ClipArchitecture architecture) => new(
        OrtValue.CreateTensorValueFromMemory(pixels, [batch, 3, architecture.ImageSize, architecture.ImageSize]),
        pixels,
        batch, architecture.EmbeddingSize);

    public static TowerBatch ForTokenIds(long[] ids, int batch, ClipArchitecture architecture) => new(
        OrtValue.CreateTensorValueFromMemory(ids, [batch, architecture.ContextLength]),
        ids,
        batch, architecture.EmbeddingSize);

    public void Dispose()
    {
        Input.Dispose();
        OutputValue.Dispose();
    }
}
