using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Status;

/// <summary>What the platform holds and which models are on (CLIP, OCR, re-ranking, the chat model, the text space).
/// <see cref="Vectors"/> counts CLIP's vectors; the text space counts its own.</summary>
public sealed record StatusDto(
    DenseStatusDto Dense,
    OcrStatusDto Ocr,
    RerankingStatusDto Reranking,
    ChatStatusDto Chat,
    IReadOnlyDictionary<DocumentStatus, int> Documents,
    IReadOnlyDictionary<Modality, int> Items,
    long Vectors,
    int QueueLength,
    TextSpaceStatusDto? TextSpace = null);
