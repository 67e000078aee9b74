using System.Runtime.ExceptionServices;
using Microsoft.Extensions.AI;
using RagPlatform.Infrastructure.Imaging;

namespace RagPlatform.Infrastructure.Clip;

/// <summary>Encoded image (PNG, JPEG, WebP, GIF, BMP bytes in a <see cref="DataContent"/>) → CLIP
/// embedding (L2-normalised): decode, reference preprocessing, vision tower, in batches. A bad
/// image throws <see cref="Core.Ingestion.DocumentRejectedException"/> with the reason.</summary>
internal sealed class ClipImageEmbeddingGenerator(ClipModel model, SkiaImageDecoder decoder, int maxBatchSize)
    : IEmbeddingGenerator<DataContent, Embedding<float>>
{
    // A decoded image takes 4 bytes per pixel (400 MB at the 100-megapixel default cap): a few at
    // a time keeps the cores busy without multiplying that by the core count.
    private static readonly int MaxParallelDecodes = Math.Clamp(Environment.ProcessorCount, 1, 4);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<DataContent> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ClipEmbeddings.CheckDimensions(options, model.Dimensions);
        var images = values.ToList();
        var preprocessor = model.Preprocessor;
        var config = preprocessor.Config;
        var embeddings = new List<Embedding<float>>(images.Count);
        foreach (var batch in images.Chunk(maxBatchSize))
        {
            var pixels = new float[batch.Length * preprocessor.TensorLength];

            // Decoding and resampling dominate for photos; images of a batch are independent.
            try
            {
                Parallel.For(0, batch.Length, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = MaxParallelDecodes }, row =>
                {
                    ArgumentNullException.ThrowIfNull(batch[row], nameof(values));
                    var image = decoder.Decode(batch[row].Data.Span);
                    preprocessor.Preprocess(image, pixels.AsSpan(row * preprocessor.TensorLength, preprocessor.TensorLength));
                });
            }
            catch (AggregateException exception)
            {
                // The caller wants the reason a document was rejected, not a wrapper.
                ExceptionDispatchInfo.Capture(exception.InnerExceptions[0]).Throw();
            }

            var vectors = model.Vision.Run(pixels, [batch.Length, 3, config.CropHeight, config.CropWidth], null, cancellationToken);
            embeddings.AddRange(vectors.Select(vector => ClipEmbeddings.Create(vector, model.ModelId)));
        }

        return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(embeddings));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => ClipEmbeddings.GetService(this, model, serviceType, serviceKey);

    public void Dispose()
    {
        // The model is owned by ClipDenseEncoders.
    }
}
