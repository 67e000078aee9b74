using Microsoft.Extensions.AI;

namespace RagPlatform.Core.Search;

/// <summary>A query by text, by image, or by both.</summary>
/// <param name="Image">An encoded image (PNG, JPEG, ...) to search with.</param>
/// <param name="Limit">Hits wanted; null takes the configured default.</param>
/// <param name="Mode">The retrievers allowed to run.</param>
/// <param name="Collapse">One hit per document, page and modality (the best, with a count of the
/// others); false lists every matching chunk.</param>
public sealed record SearchRequest(string? Text, DataContent? Image, SearchFilter Filter, int? Limit = null, SearchMode Mode = SearchMode.Hybrid, bool Collapse = true);
