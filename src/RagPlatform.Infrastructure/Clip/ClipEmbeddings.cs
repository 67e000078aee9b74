using Microsoft.Extensions.AI;

namespace RagPlatform.Infrastructure.Clip;

/// <summary>What both CLIP generators share: result objects, metadata, option checks.</summary>
internal static class ClipEmbeddings
{
    public static Embedding<float> Create(float[] vector, string modelId) =>
        new(vector) { ModelId = modelId, CreatedAt = DateTimeOffset.UtcNow };

    /// <summary>CLIP's size is fixed by the model; asking for another one is an error, not a truncation.</summary>
    public static void CheckDimensions(EmbeddingGenerationOptions? options, int dimensions)
    {
        if (options?.Dimensions is { } requested && requested != dimensions)
        {
            throw new NotSupportedException($"This CLIP model produces {dimensions} dimensions; {requested} were requested.");
        }
    }

    public static object? GetService(object generator, ClipModel model, Type serviceType, object? serviceKey)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return new EmbeddingGeneratorMetadata("onnxruntime-clip", new Uri(model.Folder.FullPath), model.ModelId, model.Dimensions);
        }

        return serviceType.IsInstanceOfType(generator) ? generator : null;
    }
}
