using RagPlatform.OnnxGraphs;

namespace RagPlatform.Benchmarks.Onnx.Clip;

/// <summary>The image tower: pixel_values [batch, 3, 224, 224] → image_embeds [batch, 512] for ViT-B/32.
/// The embedding is the projection of the class token, not L2-normalised (as Hugging Face's
/// CLIPVisionModelWithProjection returns it).</summary>
internal static class ClipVisionGraph
{
    public const string InputName = "pixel_values";
    public const string OutputName = "image_embeds";

    public static OnnxGraph Build(ClipArchitecture architecture, ulong seed)
    {
        var graph = new OnnxGraphBuilder("clip_vision");
        var weights = new SeededWeights(seed);
        var emitter = new TransformerEmitter(graph, weights);
        var width = architecture.VisionWidth;
        var patch = architecture.PatchSize;
        var batch = OnnxDimension.Named("batch");

        var pixels = graph.Input(InputName, OnnxElementType.Float, batch, 3, architecture.ImageSize, architecture.ImageSize);
        graph.Output(OutputName, OnnxElementType.Float, batch, architecture.EmbeddingSize);

        // Patch embedding: a convolution with kernel = stride = patch size, no bias. [B, W, 7, 7]
        var patchWeight = graph.Parameter(weights.Uniform(
            OnnxTensor.Floats("vision_model.embeddings.patch_embedding.weight", width, 3, patch, patch),
            1 / Math.Sqrt(3.0 * patch * patch)));
        var grid = graph.Node("Conv", [pixels, patchWeight],
            [OnnxAttribute.Ints("kernel_shape", patch, patch), OnnxAttribute.Ints("strides", patch, patch)]);
        var patches = graph.Node("Transpose", [graph.Node("Reshape", [grid, graph.Int64Vector(0, width, -1)])],
            [OnnxAttribute.Ints("perm", 0, 2, 1)]); // [B, 49, W]

        // The class token is one learned vector, broadcast to the (dynamic) batch and put first.
        var classEmbedding = graph.Parameter(weights.Uniform(
            OnnxTensor.Floats("vision_model.embeddings.class_embedding", 1, 1, width), 1 / Math.Sqrt(width)));
        var batchSize = graph.Node("Shape", [pixels], [OnnxAttribute.Int("start", 0), OnnxAttribute.Int("end", 1)]);
        var classShape = graph.Node("Concat", [batchSize, graph.Int64Vector(1, width)], [OnnxAttribute.Int("axis", 0)]);
        var classTokens = graph.Node("Expand", [classEmbedding, classShape]);
        var sequence = graph.Node("Concat", [classTokens, patches], [OnnxAttribute.Int("axis", 1)]); // [B, 50, W]

        var positions = graph.Parameter(weights.Uniform(
            OnnxTensor.Floats("vision_model.embeddings.position_embedding.weight", architecture.VisionSequenceLength, width), 0.02));
        var x = emitter.LayerNorm(graph.Node("Add", [sequence, positions]), "vision_model.pre_layrnorm", width);

        for (var layer = 0; layer < architecture.VisionLayers; layer++)
        {
            x = emitter.EncoderLayer(x, $"vision_model.encoder.layers.{layer}", width,
                architecture.VisionHeads, architecture.VisionMlp, architecture.VisionLayers, mask: null);
        }

        var classState = graph.Node("Gather", [x, graph.Int64Scalar(0)], [OnnxAttribute.Int("axis", 1)]); // [B, W]
        var pooled = emitter.LayerNorm(classState, "vision_model.post_layernorm", width);
        emitter.Linear(pooled, "visual_projection", width, architecture.EmbeddingSize, bias: false, output: OutputName);
        return graph.Build();
    }
}
