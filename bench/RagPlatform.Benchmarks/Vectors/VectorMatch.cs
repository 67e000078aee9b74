namespace RagPlatform.Benchmarks.Vectors;

/// <summary>A search result: the row of the stored vector and its cosine similarity.</summary>
internal readonly record struct VectorMatch(int Row, float Score);
