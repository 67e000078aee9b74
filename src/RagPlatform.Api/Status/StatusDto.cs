using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Status;

/// <summary>What the platform holds and whether dense (CLIP) search is on.</summary>
public sealed record StatusDto(
    DenseStatusDto Dense,
    OcrStatusDto Ocr,
    IReadOnlyDictionary<DocumentStatus, int> Documents,
    IReadOnlyDictionary<Modality, int> Items,
    long Vectors,
    int QueueLength);
