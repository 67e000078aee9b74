namespace RagPlatform.Vectors.Embedded.Files;

/// <summary>How far a reader has read: the generation of the log file (a compaction starts a new
/// one) and the offset after the last intact record in it. Generation 0: nothing read yet. A class, so
/// that a reader without the lock sees one position whole.</summary>
internal sealed record VectorLogPosition(long Generation, long Offset)
{
    public static VectorLogPosition None { get; } = new(0, 0);
}
