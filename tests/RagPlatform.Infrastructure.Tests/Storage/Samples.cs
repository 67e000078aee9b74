using RagPlatform.Core.Documents;

namespace RagPlatform.Infrastructure.Tests.Storage;

/// <summary>Test data for the storage scenarios. Instants are whole milliseconds so that engines
/// storing microseconds (PostgreSQL) round-trip them exactly too.</summary>
internal static class Samples
{
    private static readonly DateTimeOffset Epoch = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    public static Document Document(
        string fileName = "report.pdf",
        string? sha256 = null,
        DocumentStatus status = DocumentStatus.Queued,
        int minutesAfterEpoch = 0,
        string collection = CollectionName.Default) =>
        new(
            Guid.NewGuid(),
            fileName,
            "application/pdf",
            DocumentKind.Pdf,
            123_456,
            sha256 ?? Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()).PadRight(64, '0'),
            status,
            null,
            0,
            0,
            0,
            Epoch.AddMinutes(minutesAfterEpoch),
            Epoch.AddMinutes(minutesAfterEpoch),
            collection);

    public static PageInfo Page(Guid documentId, int number) =>
        new(documentId, number, 595.28, 841.89, true, BlobKeys.PageRender(documentId, number));

    public static Item TextItem(Guid documentId, int page, int ordinal, string text, Region? region = null) =>
        new(Guid.NewGuid(), documentId, Modality.Text, page, region ?? new Region(0.1, 0.2, 0.5, 0.05), text, null, ordinal);

    public static Item ImageItem(Guid documentId, int page, int ordinal) =>
        new(Guid.NewGuid(), documentId, Modality.Image, page, new Region(0.25, 0.5, 0.4, 0.3), null, BlobKeys.EmbeddedImage(documentId, page, ordinal, "png"), ordinal);

    public static Item PageItem(Guid documentId, int page, int ordinal) =>
        new(Guid.NewGuid(), documentId, Modality.Page, page, null, "OCR text of the page", BlobKeys.PageRender(documentId, page), ordinal);
}
