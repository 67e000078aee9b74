using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using RagPlatform.Infrastructure.Imaging;

namespace RagPlatform.Infrastructure.Clip;

/// <summary>Encoded image (PNG, JPEG, WebP, GIF, BMP bytes in a <see cref="DataContent"/>) → CLIP
/// embedding (L2-normalised): decode, reference preprocessing, vision tower, in batches. While the
/// tower runs one batch, the next one is decoded and preprocessed (a channel of one batch), so on a
/// request of several batches the model waits for pixels only at the first. A bad image throws
/// <see cref="Core.Ingestion.DocumentRejectedException"/> with the reason.</summary>
internal sealed class ClipImageEmbeddingGenerator(ClipModel model, SkiaImageDecoder decoder, DecodedImages decoded, int maxBatchSize)
    : IEmbeddingGenerator<DataContent, Embedding<float>>
{
    // A decoded image takes 4 bytes per pixel (400 MB at the 100-megapixel default cap): a few at
    // a time keeps the cores busy without multiplying that by the core count.
    private static readonly int MaxParallelDecodes = Math.Clamp(Environment.ProcessorCount, 1, 4);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<DataContent> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ClipEmbeddings.CheckDimensions(options, model.Dimensions);
        var batches = values.Chunk(maxBatchSize).ToList();
        var embeddings = new List<Embedding<float>>(batches.Sum(batch => batch.Length));
        if (batches.Count == 1)
        {
            // Nothing to overlap: prepared and run on the caller's thread, as one page's images are.
            Embed(Prepare(batches[0], cancellationToken), embeddings, cancellationToken);
            return new GeneratedEmbeddings<Embedding<float>>(embeddings);
        }

        // Bounded to one batch ready and one being prepared while the tower runs a third: memory
        // stays at three tensors (3 × 9.6 MB at batch 16) however long the request is.
        var ready = Channel.CreateBounded<float[]>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(() => ProduceAsync(batches, ready.Writer, stop.Token), CancellationToken.None);
        try
        {
            await foreach (var pixels in ready.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                Embed(pixels, embeddings, cancellationToken);
            }
        }
        catch
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(producer).ConfigureAwait(false);
            throw;
        }

        // A rejected image ended the producer early (and the reading above with it): its reason is
        // the request's outcome.
        await producer.ConfigureAwait(false);
        return new GeneratedEmbeddings<Embedding<float>>(embeddings);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => ClipEmbeddings.GetService(this, model, serviceType, serviceKey);

    public void Dispose()
    {
        // The model is owned by ClipDenseEncoders.
    }

    private async Task ProduceAsync(List<DataContent[]> batches, ChannelWriter<float[]> writer, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var batch in batches)
            {
                await writer.WriteAsync(Prepare(batch, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private void Embed(float[] pixels, List<Embedding<float>> embeddings, CancellationToken cancellationToken)
    {
        var config = model.Preprocessor.Config;
        var rows = pixels.Length / model.Preprocessor.TensorLength;
        var vectors = model.Vision.Run(pixels, [rows, 3, config.CropHeight, config.CropWidth], null, cancellationToken);
        embeddings.AddRange(vectors.Select(vector => ClipEmbeddings.Create(vector, model.ModelId)));
    }

    /// <summary>The batch's input tensor: each image decoded (or its pixels taken from whoever
    /// decoded them already) and preprocessed into its rows.</summary>
    private float[] Prepare(DataContent[] batch, CancellationToken cancellationToken)
    {
        var preprocessor = model.Preprocessor;
        var pixels = new float[batch.Length * preprocessor.TensorLength];

        // Decoding and resampling dominate for photos; images of a batch are independent.
        try
        {
            Parallel.For(0, batch.Length, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = MaxParallelDecodes }, row =>
            {
                ArgumentNullException.ThrowIfNull(batch[row], "values");
                var image = decoded.Decode(decoder, batch[row].Data);
                preprocessor.Preprocess(image, pixels.AsSpan(row * preprocessor.TensorLength, preprocessor.TensorLength));
            });
        }
        catch (AggregateException exception)
        {
            // The caller wants the reason a document was rejected, not a wrapper.
            ExceptionDispatchInfo.Capture(exception.InnerExceptions[0]).Throw();
        }

        return pixels;
    }
}
