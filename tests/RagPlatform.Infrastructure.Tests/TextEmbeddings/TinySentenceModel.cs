using RagPlatform.Infrastructure.Tests.Reranking;
using RagPlatform.OnnxGraphs.Models;

namespace RagPlatform.Infrastructure.Tests.TextEmbeddings;

/// <summary>A generated sentence encoder (<see cref="ContextSentenceEncoder"/>) over BERT's real
/// vocabulary, with seeded random tables, and the vector it must give for a list of token ids,
/// worked out here from the tables alone, without the code under test.</summary>
internal sealed class TinySentenceModel
{
    public const int Dimensions = 8;

    public TinySentenceModel()
    {
        var random = new Random(20240512);
        Tokens = new float[RerankerFixtures.VocabularySize * Dimensions];
        for (var i = 0; i < Tokens.Length; i++)
        {
            Tokens[i] = (float)((random.NextDouble() * 2) - 1);
        }

        Types = [.. Enumerable.Range(0, 2 * Dimensions).Select(_ => (float)((random.NextDouble() * 2) - 1))];
    }

    public float[] Tokens { get; }

    public float[] Types { get; }

    /// <summary>Writes model.onnx and vocab.txt into <paramref name="folder"/> (created).</summary>
    public async Task WriteAsync(string folder)
    {
        Directory.CreateDirectory(folder);
        File.Copy(RerankerFixtures.Vocabulary, Path.Combine(folder, "vocab.txt"), overwrite: true);
        await ContextSentenceEncoder.WriteAsync(Path.Combine(folder, "model.onnx"), Tokens, Types, Dimensions);
    }

    /// <summary>The L2-normalised [CLS] state (or mean state) for ids with their special tokens.</summary>
    public float[] Expected(IReadOnlyList<int> ids, bool meanPooling = false)
    {
        var context = new double[Dimensions];
        foreach (var id in ids)
        {
            for (var d = 0; d < Dimensions; d++)
            {
                context[d] += Tokens[(id * Dimensions) + d] / (double)ids.Count;
            }
        }

        var vector = new double[Dimensions];
        var positions = meanPooling ? ids : ids.Take(1);
        foreach (var id in positions)
        {
            for (var d = 0; d < Dimensions; d++)
            {
                vector[d] += Tokens[(id * Dimensions) + d] + Types[d] + context[d];
            }
        }

        var norm = Math.Sqrt(vector.Sum(v => v * v));
        return [.. vector.Select(v => (float)(v / norm))];
    }
}
