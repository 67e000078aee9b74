using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Ingestion;

/// <summary>A passage small enough for the text encoder's window, with the union box of its words.</summary>
public sealed record TextChunk(string Text, Region Box, int TokenCount)
{
    /// <summary>The words of the passage that belong to section headings (<see cref="SectionHeadings"/>),
    /// in order; empty when it holds none.</summary>
    public string Headings { get; init; } = string.Empty;
}
