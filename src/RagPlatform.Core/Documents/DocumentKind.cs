namespace RagPlatform.Core.Documents;

/// <summary>What the platform does with an upload, decided from its content, never its name
/// (except that text is Markdown when its name says so: the bytes cannot tell).</summary>
public enum DocumentKind
{
    Pdf,
    Image,
    PlainText,
    Markdown,
    Html,
    WordDocument,
    Presentation,
}
