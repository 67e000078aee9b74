using Microsoft.Extensions.Logging.Abstractions;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.Benchmarks.Onnx.Clip;
using RagPlatform.Infrastructure.Clip;

namespace RagPlatform.Benchmarks.Pipeline;

/// <summary>The platform's CLIP image pipeline (decode → preprocess → vision tower → normalise),
/// pointed at the generated model folder so that raw and pipeline numbers come from the same graph.</summary>
internal static class ClipPipelineSeam
{
    /// <summary>The real ViT-B/32 tokenizer and preprocessor files; the generated folder has only
    /// the towers, and the encoder (rightly) refuses a folder without them.</summary>
    private static readonly string[] CompanionFiles = ["vocab.json", "merges.txt", "preprocessor_config.json"];

    /// <param name="maxBatchSize">Images per tower run, as the raw side runs them.</param>
    public static IImageEmbeddingPipeline? TryCreate(ClipModelFiles files, int maxBatchSize)
    {
        var source = Path.Combine(BenchPaths.RepositoryRoot, "tests", "fixtures", "clip", "model");
        foreach (var name in CompanionFiles)
        {
            var target = Path.Combine(files.Directory, name);
            if (!File.Exists(target))
            {
                File.Copy(Path.Combine(source, name), target);
            }
        }

        var folder = ClipModelFolder.Resolve(files.Directory, [Directory.GetCurrentDirectory()]);
        var encoders = new ClipDenseEncoders(folder, new ClipOptions { ModelDirectory = files.Directory, MaxBatchSize = maxBatchSize }, NullLogger<ClipDenseEncoders>.Instance);
        if (!encoders.IsAvailable)
        {
            throw new InvalidOperationException($"The platform's CLIP encoder refused the generated model: {encoders.UnavailableReason}");
        }

        return new EmbeddingGeneratorImagePipeline("platform-clip", encoders.Images, new DisposeOnAsync(encoders));
    }

    private sealed class DisposeOnAsync(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
