using RagPlatform.OnnxGraphs;

namespace RagPlatform.Benchmarks.Onnx.Clip;

/// <summary>Emits the pieces both CLIP towers share: layer norms, linear layers and pre-norm
/// residual encoder layers with QuickGELU, laid out as Hugging Face's CLIP exports them
/// (separate q/k/v projections, q scaled by 1/√head_dim).
/// Initialiser names follow Hugging Face's; linear weights are stored [in, out] (transposed
/// from PyTorch's [out, in]) because the graph multiplies with MatMul.</summary>
internal sealed class TransformerEmitter(OnnxGraphBuilder graph, SeededWeights weights)
{
    private const double BiasStd = 0.02;
    private const double NormNoiseStd = 0.02;

    /// <summary>CLIP's layer norms use PyTorch's default epsilon.</summary>
    private const float LayerNormEpsilon = 1e-5f;

    /// <summary>QuickGELU: x · sigmoid(1.702 x), OpenAI's approximation of GELU.</summary>
    private const float QuickGeluFactor = 1.702f;

    public OnnxGraphBuilder Graph => graph;

    public SeededWeights Weights => weights;

    public string LayerNorm(string input, string prefix, int width)
    {
        var scale = graph.Parameter(weights.Around(OnnxTensor.Floats(prefix + ".weight", width), 1, NormNoiseStd));
        var bias = graph.Parameter(weights.Uniform(OnnxTensor.Floats(prefix + ".bias", width), NormNoiseStd));
        return graph.Node("LayerNormalization", [input, scale, bias],
            [OnnxAttribute.Int("axis", -1), OnnxAttribute.Float("epsilon", LayerNormEpsilon)]);
    }

    /// <summary>x·W (+ b). Weights have std 1/√in (scaled down further on residual branches) so
    /// activations keep unit scale through the layers.</summary>
    public string Linear(string input, string prefix, int inFeatures, int outFeatures, bool bias = true, double gain = 1, string? output = null)
    {
        var weight = graph.Parameter(weights.Uniform(
            OnnxTensor.Floats(prefix + ".weight", inFeatures, outFeatures), gain / Math.Sqrt(inFeatures)));
        if (!bias)
        {
            return graph.Node("MatMul", [input, weight], output: output);
        }

        var product = graph.Node("MatMul", [input, weight]);
        var biasName = graph.Parameter(weights.Uniform(OnnxTensor.Floats(prefix + ".bias", outFeatures), BiasStd));
        return graph.Node("Add", [product, biasName], output: output);
    }

    /// <summary>One pre-norm encoder layer: x + Attn(LN1(x)), then x + MLP(LN2(x)).</summary>
    /// <param name="mask">An additive [seq, seq] mask (0 or a large negative), or null.</param>
    public string EncoderLayer(string x, string prefix, int width, int heads, int mlp, int layerCount, string? mask)
    {
        // Residual branches are scaled by 1/√(2·layers) (GPT-2's trick) so the residual stream's
        // variance grows slowly across layers and random weights never overflow.
        var residualGain = 1 / Math.Sqrt(2.0 * layerCount);
        var headSize = width / heads;

        var normed = LayerNorm(x, prefix + ".layer_norm1", width);
        var queryScaled = graph.Node("Mul", [
            Linear(normed, prefix + ".self_attn.q_proj", width, width),
            graph.FloatScalar((float)(1 / Math.Sqrt(headSize))),
        ]);
        var query = SplitHeads(queryScaled, heads, headSize, [0, 2, 1, 3]); // [B, H, S, D]
        var keyT = SplitHeads(Linear(normed, prefix + ".self_attn.k_proj", width, width), heads, headSize, [0, 2, 3, 1]); // [B, H, D, S]
        var value = SplitHeads(Linear(normed, prefix + ".self_attn.v_proj", width, width), heads, headSize, [0, 2, 1, 3]);

        var scores = graph.Node("MatMul", [query, keyT]); // [B, H, S, S]
        if (mask is not null)
        {
            scores = graph.Node("Add", [scores, mask]);
        }

        var probabilities = graph.Node("Softmax", [scores], [OnnxAttribute.Int("axis", -1)]);
        var context = graph.Node("MatMul", [probabilities, value]); // [B, H, S, D]
        var merged = graph.Node("Reshape", [
            graph.Node("Transpose", [context], [OnnxAttribute.Ints("perm", 0, 2, 1, 3)]),
            graph.Int64Vector(0, 0, width),
        ]);
        var attention = Linear(merged, prefix + ".self_attn.out_proj", width, width, gain: residualGain);
        x = graph.Node("Add", [x, attention]);

        var hidden = Linear(LayerNorm(x, prefix + ".layer_norm2", width), prefix + ".mlp.fc1", width, mlp);
        var gate = graph.Node("Sigmoid", [graph.Node("Mul", [hidden, graph.FloatScalar(QuickGeluFactor)])]);
        var activated = graph.Node("Mul", [hidden, gate]);
        var projected = Linear(activated, prefix + ".mlp.fc2", mlp, width, gain: residualGain);
        return graph.Node("Add", [x, projected]);
    }

    /// <summary>[B, S, W] → [B, S, H, D] → transposed by <paramref name="perm"/>. Reshape's 0 copies
    /// the input's dimension, which keeps batch and sequence dynamic.</summary>
    private string SplitHeads(string input, int heads, int headSize, long[] perm) =>
        graph.Node("Transpose", [graph.Node("Reshape", [input, graph.Int64Vector(0, 0, heads, headSize)])],
            [OnnxAttribute.Ints("perm", perm)]);
}
