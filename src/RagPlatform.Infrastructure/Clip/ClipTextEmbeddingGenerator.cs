using Microsoft.Extensions.AI;

namespace RagPlatform.Infrastructure.Clip;

/// <summary>Text → CLIP embedding (L2-normalised), through the reference tokenizer and the text
/// tower, in batches of at most the configured size.</summary>
internal sealed class ClipTextEmbeddingGenerator(ClipModel model, int maxBatchSize) : IEmbeddingGenerator<string, Embedding<float>>
{
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ClipEmbeddings.CheckDimensions(options, model.Dimensions);
        var texts = values.ToList();
        var embeddings = new List<Embedding<float>>(texts.Count);
        foreach (var batch in texts.Chunk(maxBatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            const int Context = ClipTokenizer.ContextLength;
            var ids = new long[batch.Length * Context];
            var mask = new long[batch.Length * Context];
            for (var row = 0; row < batch.Length; row++)
            {
                ArgumentNullException.ThrowIfNull(batch[row], nameof(values));
                model.Tokenizer.EncodeRow(batch[row], ids.AsSpan(row * Context, Context), mask.AsSpan(row * Context, Context));
            }

            var vectors = model.Text.Run(ids, [batch.Length, Context], mask, cancellationToken);
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
