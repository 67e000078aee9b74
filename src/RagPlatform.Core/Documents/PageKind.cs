namespace RagPlatform.Core.Documents;

/// <summary>What a page is for. Stored by name.</summary>
public enum PageKind
{
    Content,

    /// <summary>Titles with page numbers (often joined by dotted leaders).</summary>
    TableOfContents,

    /// <summary>A back-of-book index: terms with lists of page numbers.</summary>
    Index,
}
