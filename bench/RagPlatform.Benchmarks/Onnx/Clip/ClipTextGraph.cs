using RagPlatform.OnnxGraphs;

namespace RagPlatform.Benchmarks.Onnx.Clip;

/// <summary>The text tower: input_ids int64 [batch, 77] → text_embeds [batch, 512] for ViT-B/32.
/// Causal self-attention; the sequence is pooled at the end token, found as the largest id in each
/// row (49407 in CLIP's vocabulary), so whatever pads the row after it does not matter.</summary>
internal static class ClipTextGraph
{
    public const string InputName = "input_ids";
    public const string OutputName = "text_embeds";

    /// <summary>Added to attention scores above the diagonal. Finite, so no inf − inf can appear,
    /// and far below any real score, so softmax gives those positions exactly zero weight.</summary>
    private const float MaskedScore = -1e9f;

    public static OnnxGraph Build(ClipArchitecture architecture, ulong seed)
    {
        var graph = new OnnxGraphBuilder("clip_text");
        var weights = new SeededWeights(seed);
        var emitter = new TransformerEmitter(graph, weights);
        var width = architecture.TextWidth;
        var length = architecture.ContextLength;
        var batch = OnnxDimension.Named("batch");

        var ids = graph.Input(InputName, OnnxElementType.Int64, batch, length);
        graph.Output(OutputName, OnnxElementType.Float, batch, architecture.EmbeddingSize);

        var tokenTable = graph.Parameter(weights.Uniform(
            OnnxTensor.Floats("text_model.embeddings.token_embedding.weight", architecture.VocabularySize, width), 0.02));
        var positions = graph.Parameter(weights.Uniform(
            OnnxTensor.Floats("text_model.embeddings.position_embedding.weight", length, width), 0.01));
        var x = graph.Node("Add", [
            graph.Node("Gather", [tokenTable, ids], [OnnxAttribute.Int("axis", 0)]), // [B, 77, W]
            positions,
        ]);

        var mask = graph.Constant(CausalMask(length));
        for (var layer = 0; layer < architecture.TextLayers; layer++)
        {
            x = emitter.EncoderLayer(x, $"text_model.encoder.layers.{layer}", width,
                architecture.TextHeads, architecture.TextMlp, architecture.TextLayers, mask);
        }

        x = emitter.LayerNorm(x, "text_model.final_layer_norm", width);

        // ArgMax runs on int32 (the widest integer type every runtime's ArgMax kernel accepts);
        // it returns the first maximum, i.e. the real end token even if padding repeats its id.
        var ids32 = graph.Node("Cast", [ids], [OnnxAttribute.Int("to", (long)OnnxElementType.Int32)]);
        var endPosition = graph.Node("ArgMax", [ids32],
            [OnnxAttribute.Int("axis", -1), OnnxAttribute.Int("keepdims", 1)]); // [B, 1]
        var pooled = graph.Node("GatherND", [x, endPosition], [OnnxAttribute.Int("batch_dims", 1)]); // [B, W]
        emitter.Linear(pooled, "text_projection", width, architecture.EmbeddingSize, bias: false, output: OutputName);
        return graph.Build();
    }

    private static OnnxTensor CausalMask(int length)
    {
        var mask = OnnxTensor.Floats("text_model.causal_mask", length, length);
        var data = mask.FloatData;
        for (var row = 0; row < length; row++)
        {
            for (var column = row + 1; column < length; column++)
            {
                data[(row * length) + column] = MaskedScore;
            }
        }

        return mask;
    }
}
