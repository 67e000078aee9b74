using RagPlatform.Benchmarks.Onnx.Clip;

namespace RagPlatform.Benchmarks.Pipeline;

/// <summary>Where the `clip-pipeline` suite gets the platform's image pipeline.
/// LEAD: wire the platform's CLIP encoder here, pointed at the generated model folder so raw and
/// pipeline numbers come from the same graph, e.g.
/// <code>
/// var encoders = new ClipDenseEncoders(Options.Create(new ClipOptions { ModelDirectory = files.Directory, ... }), ...);
/// return new EmbeddingGeneratorImagePipeline("platform-clip", encoders.Images, encoders as IAsyncDisposable);
/// </code>
/// <see cref="ClipModelFiles.Directory"/> holds vision_model.onnx (pixel_values → image_embeds) and
/// text_model.onnx (input_ids → text_embeds); the tokenizer and preprocessor files are not there
/// (copy them from the real model folder if the encoder insists on them).
/// Until then this returns null and the suite measures raw inference only.</summary>
internal static class ClipPipelineSeam
{
    public static IImageEmbeddingPipeline? TryCreate(ClipModelFiles files)
    {
        _ = files;
        return null;
    }
}
