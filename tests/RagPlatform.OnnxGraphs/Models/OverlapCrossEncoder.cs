namespace RagPlatform.OnnxGraphs.Models;

/// <summary>Writes a small cross-encoder whose score can be worked out by hand: it has the inputs
/// and output of the real exports (int64 input_ids, attention_mask, token_type_ids [batch,
/// sequence] → float logits [batch, 1]) and computes
/// <c>logit = Σ_t mask_t · (type_t · relevance[id_t] + padding[id_t])</c>.
/// With relevance 1 for the query's word ids, it counts how often the query's words occur in the
/// passage (segment 1) and ignores them in the query (segment 0): wrong token types give 0. The
/// padding id carries a large negative constant, so a padded position the mask fails to hide
/// changes the score.</summary>
public static class OverlapCrossEncoder
{
    public const float PaddingPenalty = -1000f;

    /// <param name="relevantIds">Token ids that score 1 in the passage.</param>
    /// <param name="withTokenTypes">False writes a DistilBERT-like graph without token_type_ids,
    /// which then counts the relevant ids in the whole pair.</param>
    public static async Task WriteAsync(string path, int vocabularySize, IReadOnlyCollection<int> relevantIds, int paddingId, bool withTokenTypes = true)
    {
        var graph = new OnnxGraphBuilder("overlap_cross_encoder");
        var batch = OnnxDimension.Named("batch");
        var sequence = OnnxDimension.Named("sequence");
        var ids = graph.Input("input_ids", OnnxElementType.Int64, batch, sequence);
        var mask = graph.Input("attention_mask", OnnxElementType.Int64, batch, sequence);
        var types = withTokenTypes ? graph.Input("token_type_ids", OnnxElementType.Int64, batch, sequence) : null;
        graph.Output("logits", OnnxElementType.Float, batch, 1);

        var relevance = OnnxTensor.Floats("relevance", vocabularySize);
        foreach (var id in relevantIds)
        {
            relevance.FloatData[id] = 1f;
        }

        var padding = OnnxTensor.Floats("padding", vocabularySize);
        padding.FloatData[paddingId] = PaddingPenalty;

        var perToken = graph.Node("Gather", [graph.Parameter(relevance), ids], [OnnxAttribute.Int("axis", 0)]);
        if (types is not null)
        {
            perToken = graph.Node("Mul", [perToken, AsFloat(graph, types)]);
        }

        perToken = graph.Node("Add", [perToken, graph.Node("Gather", [graph.Parameter(padding), ids], [OnnxAttribute.Int("axis", 0)])]);
        var masked = graph.Node("Mul", [perToken, AsFloat(graph, mask)]);
        graph.Node("ReduceSum", [masked, graph.Int64Vector(1)], [OnnxAttribute.Int("keepdims", 1)], output: "logits");

        await OnnxGraphWriter.WriteAsync(graph.Build(), path, "Test cross-encoder: counts the query's words in the passage.", CancellationToken.None);
    }

    private static string AsFloat(OnnxGraphBuilder graph, string int64Value) =>
        graph.Node("Cast", [int64Value], [OnnxAttribute.Int("to", (long)OnnxElementType.Float)]);
}
