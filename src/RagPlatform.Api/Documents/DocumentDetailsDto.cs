namespace RagPlatform.Api.Documents;

/// <summary>A document with its pages and items.</summary>
public sealed record DocumentDetailsDto(DocumentDto Document, IReadOnlyList<PageDto> Pages, IReadOnlyList<ItemDto> Items);
