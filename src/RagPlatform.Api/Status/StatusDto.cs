using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Status;

/// <summary>What the platform holds and which models are on (CLIP, OCR, re-ranking, the chat model, the text space).</summary>
/// <param name="Documents">Documents of <paramref name="Collection"/> by status.</param>
/// <param name="Items">Items of <paramref name="Collection"/> by modality.</param>
/// <param name="Vectors">CLIP's vectors of <paramref name="Collection"/>'s documents; the text space counts its own.</param>
/// <param name="QueueLength">Jobs waiting, of every collection together.</param>
public sealed record StatusDto(
    DenseStatusDto Dense,
    OcrStatusDto Ocr,
    RerankingStatusDto Reranking,
    ChatStatusDto Chat,
    IReadOnlyDictionary<DocumentStatus, int> Documents,
    IReadOnlyDictionary<Modality, int> Items,
    long Vectors,
    int QueueLength,
    string Collection,
    TextSpaceStatusDto? TextSpace = null);
