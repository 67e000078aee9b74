namespace RagPlatform.Core.Search;

/// <summary>A reference line and the recognised line paired with it, normalised; one of them is
/// null when the line was not paired. <see cref="Edits"/> is their edit distance, or the length
/// of the line that stands alone.</summary>
public sealed record MatchedLine(string? Reference, string? Read, int Edits);
