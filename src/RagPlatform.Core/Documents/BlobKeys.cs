namespace RagPlatform.Core.Documents;

/// <summary>The one place that names where a document's files live in the blob store. Every key of a
/// document starts with <see cref="DocumentPrefix"/>, so deleting the prefix removes all of them.</summary>
public static class BlobKeys
{
    public static string DocumentPrefix(Guid documentId) => $"documents/{documentId:N}/";

    public static string Original(Guid documentId) => DocumentPrefix(documentId) + "original";

    public static string PageRender(Guid documentId, int page) => DocumentPrefix(documentId) + $"pages/{page}.png";

    public static string EmbeddedImage(Guid documentId, int page, int index, string extension) =>
        DocumentPrefix(documentId) + $"images/{page}-{index}.{extension}";

    public static string Derived(Guid documentId, string name) => DocumentPrefix(documentId) + $"derived/{name}";

    /// <summary>A replacement's new original, stored before the document row points at it.</summary>
    public static string IncomingOriginal(Guid documentId, string sha256) => DocumentPrefix(documentId) + $"incoming/{sha256}";

    /// <summary>The folders of files made from the original (renders, embedded images, crops): stale
    /// once the original is replaced.</summary>
    public static IReadOnlyList<string> MadeFromOriginal(Guid documentId) =>
        [DocumentPrefix(documentId) + "pages/", DocumentPrefix(documentId) + "images/", DocumentPrefix(documentId) + "derived/"];
}
