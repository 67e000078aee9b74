namespace RagPlatform.Cli.Eval;

/// <summary>One thing a query should find: a document, a page of it, or one kind of item on it. A hit
/// matches the unit when it matches every field given.</summary>
/// <param name="Document">File name relative to the dataset's documents/ folder, with '/' separators.</param>
/// <param name="Page">1-based page; null for any page (an uploaded image is page 1).</param>
/// <param name="Modality">"text", "image" or "page"; null for any kind of item.</param>
internal sealed record RelevantUnit(string Document, int? Page, string? Modality)
{
    public static IReadOnlyList<string> Modalities { get; } = ["text", "image", "page"];

    public bool Matches(IReadOnlyCollection<string> documentNames, int page, string modality) =>
        documentNames.Contains(Document) &&
        (Page is null || Page == page) &&
        (Modality is null || string.Equals(Modality, modality, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether one item could match both units: then a single hit would count twice for
    /// recall, and a perfect ranking could not reach nDCG 1, so a query may not hold both.</summary>
    public bool Overlaps(RelevantUnit other) =>
        Document == other.Document &&
        (Page is null || other.Page is null || Page == other.Page) &&
        (Modality is null || other.Modality is null || Modality == other.Modality);

    public override string ToString() =>
        Document + (Page is null ? string.Empty : $" p.{Page}") + (Modality is null ? string.Empty : $" ({Modality})");
}
