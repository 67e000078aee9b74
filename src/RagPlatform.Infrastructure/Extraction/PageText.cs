using RagPlatform.Core.Ingestion;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>The text layer of one page as read.</summary>
/// <param name="Words">In reading order; empty when the page has no usable text layer.</param>
/// <param name="VisibleCharacters">Non-blank characters drawn on the page.</param>
/// <param name="UnmappableCharacters">Of those, the ones without a usable Unicode value.</param>
/// <param name="IsUnmappable">True when the text layer was dropped as garbage.</param>
internal sealed record PageText(IReadOnlyList<ExtractedWord> Words, int VisibleCharacters, int UnmappableCharacters, bool IsUnmappable)
{
    public static PageText Empty { get; } = new([], 0, 0, false);
}
