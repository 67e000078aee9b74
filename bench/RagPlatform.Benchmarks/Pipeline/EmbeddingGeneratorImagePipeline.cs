using Microsoft.Extensions.AI;
using RagPlatform.Core.Documents;

namespace RagPlatform.Benchmarks.Pipeline;

/// <summary>Runs the platform's image encoder (<c>IDenseEncoders.Images</c>, an
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over <see cref="DataContent"/>) as the
/// measured pipeline. The media type is sniffed from the bytes, as the platform does on upload.</summary>
internal sealed class EmbeddingGeneratorImagePipeline(string name, IEmbeddingGenerator<DataContent, Embedding<float>> generator, IAsyncDisposable? owner = null)
    : IImageEmbeddingPipeline
{
    public string Name => name;

    public async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<ReadOnlyMemory<byte>> encodedImages, CancellationToken cancellationToken)
    {
        var contents = encodedImages
            .Select(bytes => new DataContent(bytes, MediaTypeSniffer.Detect(bytes.Span)?.MediaType ?? "application/octet-stream"))
            .ToList();
        var embeddings = await generator.GenerateAsync(contents, options: null, cancellationToken).ConfigureAwait(false);
        return [.. embeddings.Select(embedding => embedding.Vector.ToArray())];
    }

    public ValueTask DisposeAsync() => owner?.DisposeAsync() ?? ValueTask.CompletedTask;
}
