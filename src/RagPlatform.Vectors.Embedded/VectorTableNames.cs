namespace RagPlatform.Vectors.Embedded;

/// <summary>The three tables of one dense space in SQLite: its vectors, the tombstones of removed
/// rows and the one-row state (change number, vector length). Fixed names, never user input.</summary>
internal sealed record VectorTableNames(string Vectors, string Tombstones, string State)
{
    /// <summary>CLIP's space (schema step 4).</summary>
    public static VectorTableNames Clip { get; } = new("vectors", "vector_tombstones", "vector_state");

    /// <summary>The text space of the sentence-embedding model (schema step 10).</summary>
    public static VectorTableNames Text { get; } = new("text_vectors", "text_vector_tombstones", "text_vector_state");
}
