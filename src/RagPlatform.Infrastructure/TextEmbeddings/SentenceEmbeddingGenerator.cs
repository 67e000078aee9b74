using Microsoft.Extensions.AI;

namespace RagPlatform.Infrastructure.TextEmbeddings;

/// <summary>Text → L2-normalised sentence embedding: the instruction put before each text, the
/// tokenizer, the network in batches of texts of similar length (little of a run is padding), the
/// results in the order given.</summary>
internal sealed class SentenceEmbeddingGenerator(
    SentenceEncoderNetwork network,
    SentenceTokenizer tokenizer,
    TextEmbeddingOptions settings,
    string instruction,
    EmbeddingGeneratorMetadata metadata) : IEmbeddingGenerator<string, Embedding<float>>
{
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.Dimensions is { } requested && requested != network.Dimensions)
        {
            throw new NotSupportedException($"This text model produces {network.Dimensions} dimensions; {requested} were requested.");
        }

        var texts = values.Select(text => tokenizer.Encode(instruction + (text ?? throw new ArgumentNullException(nameof(values))), settings.MaxSequenceLength)).ToList();
        return Task.Run(() =>
        {
            var vectors = new float[texts.Count][];
            var byLength = Enumerable.Range(0, texts.Count).OrderBy(index => texts[index].Length).ToList();
            foreach (var chunk in byLength.Chunk(settings.BatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var pooled = network.Run([.. chunk.Select(index => texts[index])], tokenizer.PaddingId, settings.Pooling, cancellationToken);
                for (var i = 0; i < chunk.Length; i++)
                {
                    vectors[chunk[i]] = pooled[i];
                }
            }

            var created = DateTimeOffset.UtcNow;
            return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(vector => new Embedding<float>(vector) { ModelId = metadata.DefaultModelId, CreatedAt = created }));
        }, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(EmbeddingGeneratorMetadata) ? metadata : serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
        // The network is owned by OnnxTextEncoder.
    }
}
