namespace RagPlatform.Vectors.Qdrant;

/// <summary>Where one embedding space lives on the server: the alias every read and write goes
/// through, and the versioned collection the alias points at when this process creates it.
/// A re-index builds the next version beside the current one and moves the alias in one atomic
/// alias operation, so searches never see a half-filled collection.</summary>
/// <param name="Alias">e.g. <c>rag_clip</c>.</param>
/// <param name="Collection">e.g. <c>rag_clip_v1</c>.</param>
public sealed record QdrantSpace(string Alias, string Collection)
{
    /// <summary>The collection layout (payload fields, distance) this code writes.</summary>
    public const int Version = 1;

    /// <summary>CLIP's space (<see cref="Core.Search.IVectorIndex"/>).</summary>
    public static QdrantSpace Clip(string prefix) => Named(prefix, "clip");

    /// <summary>The text encoder's space (<see cref="Core.Search.ITextVectorIndex"/>).</summary>
    public static QdrantSpace Text(string prefix) => Named(prefix, "text");

    private static QdrantSpace Named(string prefix, string space)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        return new QdrantSpace($"{prefix}_{space}", $"{prefix}_{space}_v{Version}");
    }
}
