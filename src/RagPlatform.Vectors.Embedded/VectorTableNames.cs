namespace RagPlatform.Vectors.Embedded;

/// <summary>One dense space's names: its folder under <c>&lt;data&gt;/vectors/</c>, and the three
/// SQLite tables that held its vectors before the vector files (imported once, see
/// <see cref="Files.VectorFolderSetup"/>): vectors, tombstones of removed rows and the one-row state
/// (change number, vector length). Fixed names, never user input.</summary>
internal sealed record VectorTableNames(string Vectors, string Tombstones, string State, string Folder)
{
    /// <summary>CLIP's space (schema step 4).</summary>
    public static VectorTableNames Clip { get; } = new("vectors", "vector_tombstones", "vector_state", "clip");

    /// <summary>The text space of the sentence-embedding model (schema step 10).</summary>
    public static VectorTableNames Text { get; } = new("text_vectors", "text_vector_tombstones", "text_vector_state", "text");
}
