namespace RagPlatform.Benchmarks.Pipeline;

/// <summary>SEAM of the `clip-pipeline` suite: the whole image path of the platform, from encoded
/// file bytes (PNG, JPEG, ...) to an embedding: decode, orientation, resize, crop, normalise,
/// inference. <see cref="ClipPipelineSeam"/> creates it; the platform's CLIP image encoder plugs in
/// through <see cref="EmbeddingGeneratorImagePipeline"/>.</summary>
internal interface IImageEmbeddingPipeline : IAsyncDisposable
{
    string Name { get; }

    /// <summary>One embedding per image, in order.</summary>
    Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<ReadOnlyMemory<byte>> encodedImages, CancellationToken cancellationToken);
}
