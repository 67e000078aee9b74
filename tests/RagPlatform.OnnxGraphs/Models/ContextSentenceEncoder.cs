namespace RagPlatform.OnnxGraphs.Models;

/// <summary>Writes a small sentence encoder with the inputs and output of the BERT-family exports
/// (bge-small-en-v1.5, all-MiniLM): int64 input_ids, attention_mask, token_type_ids [batch, sequence]
/// → float last_hidden_state [batch, sequence, dimensions]. Every position's state is
/// <c>tokens[id_t] + types[type_t] + Σ_u mask_u · tokens[id_u] / Σ_u mask_u</c>: its own embedding
/// plus the masked mean of the whole sequence's embeddings, so the [CLS] state (what bge pools)
/// depends on every real token and on none of the padding. The caller chooses both tables, so a test
/// can work the expected vector out by hand.</summary>
public static class ContextSentenceEncoder
{
    /// <param name="tokens">[vocabulary, dimensions] row-major: the embedding of each token id.</param>
    /// <param name="types">[2, dimensions] row-major: the embedding of token types 0 and 1.</param>
    public static async Task WriteAsync(string path, float[] tokens, float[] types, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(types);
        var graph = new OnnxGraphBuilder("context_sentence_encoder");
        var batch = OnnxDimension.Named("batch");
        var sequence = OnnxDimension.Named("sequence");
        var ids = graph.Input("input_ids", OnnxElementType.Int64, batch, sequence);
        var mask = graph.Input("attention_mask", OnnxElementType.Int64, batch, sequence);
        var typeIds = graph.Input("token_type_ids", OnnxElementType.Int64, batch, sequence);
        graph.Output("last_hidden_state", OnnxElementType.Float, batch, sequence, OnnxDimension.Fixed(dimensions));

        var tokenTable = OnnxTensor.Floats("token_embeddings", tokens.Length / dimensions, dimensions);
        tokens.CopyTo(tokenTable.FloatData);
        var typeTable = OnnxTensor.Floats("type_embeddings", 2, dimensions);
        types.CopyTo(typeTable.FloatData);

        var embedded = graph.Node("Gather", [graph.Parameter(tokenTable), ids], [OnnxAttribute.Int("axis", 0)]);
        var typed = graph.Node("Gather", [graph.Parameter(typeTable), typeIds], [OnnxAttribute.Int("axis", 0)]);
        var weights = graph.Node("Unsqueeze", [graph.Node("Cast", [mask], [OnnxAttribute.Int("to", (long)OnnxElementType.Float)]), graph.Int64Vector(2)]);
        var sum = graph.Node("ReduceSum", [graph.Node("Mul", [embedded, weights]), graph.Int64Vector(1)], [OnnxAttribute.Int("keepdims", 1)]);
        var count = graph.Node("ReduceSum", [weights, graph.Int64Vector(1)], [OnnxAttribute.Int("keepdims", 1)]);
        var context = graph.Node("Div", [sum, count]);
        graph.Node("Add", [graph.Node("Add", [embedded, typed]), context], output: "last_hidden_state");

        await OnnxGraphWriter.WriteAsync(graph.Build(), path, "Test sentence encoder: token embedding plus the masked mean of the sequence.", CancellationToken.None);
    }
}
