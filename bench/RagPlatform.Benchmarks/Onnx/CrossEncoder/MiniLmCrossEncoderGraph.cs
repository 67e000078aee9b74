using RagPlatform.Benchmarks.Onnx.Clip;
using RagPlatform.OnnxGraphs;

namespace RagPlatform.Benchmarks.Onnx.CrossEncoder;

/// <summary>A cross-encoder the size of cross-encoder/ms-marco-MiniLM-L6-v2 (BERT vocabulary 30,522,
/// 512 positions, 2 token types, 6 layers of width 384 with 12 heads and a 1,536-wide MLP, pooler and
/// one-logit head: 22.7 M parameters) with random weights and the export's inputs and output. The
/// layers are CLIP's pre-norm ones from <see cref="TransformerEmitter"/> rather than BERT's post-norm:
/// the same operations and sizes, so the same cost; the scores mean nothing, the timings do.</summary>
internal static class MiniLmCrossEncoderGraph
{
    public const int VocabularySize = 30_522;
    private const int Positions = 512;
    private const int Width = 384;
    private const int Heads = 12;
    private const int Mlp = 1536;
    private const int Layers = 6;
    private const float MaskedScore = -1e9f;

    public static OnnxGraph Build(ulong seed)
    {
        var graph = new OnnxGraphBuilder("minilm_cross_encoder");
        var weights = new SeededWeights(seed);
        var emitter = new TransformerEmitter(graph, weights);
        var batch = OnnxDimension.Named("batch");
        var sequence = OnnxDimension.Named("sequence");
        var ids = graph.Input("input_ids", OnnxElementType.Int64, batch, sequence);
        var attentionMask = graph.Input("attention_mask", OnnxElementType.Int64, batch, sequence);
        var types = graph.Input("token_type_ids", OnnxElementType.Int64, batch, sequence);
        graph.Output("logits", OnnxElementType.Float, batch, 1);

        var words = graph.Parameter(weights.Uniform(OnnxTensor.Floats("embeddings.word_embeddings.weight", VocabularySize, Width), 0.02));
        var positionTable = graph.Parameter(weights.Uniform(OnnxTensor.Floats("embeddings.position_embeddings.weight", Positions, Width), 0.02));
        var typeTable = graph.Parameter(weights.Uniform(OnnxTensor.Floats("embeddings.token_type_embeddings.weight", 2, Width), 0.02));

        // The first `sequence` rows of the position table: Slice up to the input's second dimension.
        var length = graph.Node("Slice", [graph.Node("Shape", [ids]), graph.Int64Vector(1), graph.Int64Vector(2)]);
        var positions = graph.Node("Slice", [positionTable, graph.Int64Vector(0), length, graph.Int64Vector(0)]);
        var x = graph.Node("Add", [
            graph.Node("Add", [Gather(graph, words, ids), Gather(graph, typeTable, types)]),
            positions,
        ]);
        x = emitter.LayerNorm(x, "embeddings.LayerNorm", Width);

        // (1 − mask) · −1e9, shaped [B, 1, 1, S] to broadcast over heads and query positions.
        var keep = graph.Node("Cast", [attentionMask], [OnnxAttribute.Int("to", (long)OnnxElementType.Float)]);
        var additive = graph.Node("Mul", [graph.Node("Sub", [graph.FloatScalar(1), keep]), graph.FloatScalar(MaskedScore)]);
        var mask = graph.Node("Unsqueeze", [additive, graph.Int64Vector(1, 2)]);
        for (var layer = 0; layer < Layers; layer++)
        {
            x = emitter.EncoderLayer(x, $"encoder.layer.{layer}", Width, Heads, Mlp, Layers, mask);
        }

        var first = graph.Node("Gather", [x, graph.Int64Scalar(0)], [OnnxAttribute.Int("axis", 1)]); // [B, W], the [CLS] position
        var pooled = graph.Node("Tanh", [emitter.Linear(first, "pooler.dense", Width, Width)]);
        emitter.Linear(pooled, "classifier", Width, 1, output: "logits");
        return graph.Build();
    }

    private static string Gather(OnnxGraphBuilder graph, string table, string ids) =>
        graph.Node("Gather", [table, ids], [OnnxAttribute.Int("axis", 0)]);
}
