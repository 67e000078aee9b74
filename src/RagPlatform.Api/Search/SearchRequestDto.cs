using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Search;

/// <summary>JSON body of POST /api/search. Give <see cref="Query"/>, <see cref="Image"/> or both.</summary>
/// <param name="Image">An image to search with, base64-encoded (PNG, JPEG, WebP, GIF or BMP).</param>
/// <param name="Modalities">Only hits of these kinds (text, image, page); empty or null for all.</param>
/// <param name="DocumentIds">Only hits from these documents; empty or null for all.</param>
/// <param name="Mode">hybrid (default), lexical or dense: the retrievers allowed to run.</param>
/// <param name="Collapse">One hit per document, page and modality (default true); false lists every matching chunk.</param>
/// <param name="Collection">The collection searched; "default" when absent.</param>
public sealed record SearchRequestDto(
    string? Query,
    string? Image,
    IReadOnlyList<Modality>? Modalities,
    IReadOnlyList<Guid>? DocumentIds,
    int? Limit,
    string? Mode = null,
    bool? Collapse = null,
    string? Collection = null);
