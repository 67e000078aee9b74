using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Ingestion;

/// <summary>A word in reading order with its box on the page.</summary>
/// <param name="Block">Index of the paragraph or text block the word belongs to; chunks prefer to
/// end where a block ends.</param>
public sealed record ExtractedWord(string Text, Region Box, int Block);
