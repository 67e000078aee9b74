namespace RagPlatform.Core.Documents;

/// <summary>What the platform does with an upload, decided from its content, never its name.</summary>
public enum DocumentKind
{
    Pdf,
    Image,
}
