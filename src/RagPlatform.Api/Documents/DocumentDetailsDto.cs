namespace RagPlatform.Api.Documents;

/// <summary>A document with its pages and items.</summary>
/// <param name="Notes">What a user should know about how it was indexed (e.g. "Animated GIF: only the
/// first frame is indexed."); empty for most documents.</param>
public sealed record DocumentDetailsDto(DocumentDto Document, IReadOnlyList<PageDto> Pages, IReadOnlyList<ItemDto> Items, IReadOnlyList<string>? Notes = null);
