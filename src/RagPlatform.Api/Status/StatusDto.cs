using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Status;

/// <summary>What the platform holds and which models are on (CLIP, OCR, re-ranking, the chat model).</summary>
public sealed record StatusDto(
    DenseStatusDto Dense,
    OcrStatusDto Ocr,
    RerankingStatusDto Reranking,
    ChatStatusDto Chat,
    IReadOnlyDictionary<DocumentStatus, int> Documents,
    IReadOnlyDictionary<Modality, int> Items,
    long Vectors,
    int QueueLength);
