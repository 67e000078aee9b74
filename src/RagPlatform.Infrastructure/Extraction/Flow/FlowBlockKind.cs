namespace RagPlatform.Infrastructure.Extraction.Flow;

/// <summary>What a block of a flowing (unpaged) document is.</summary>
internal enum FlowBlockKind
{
    Heading,
    Paragraph,
    TableRow,
    Image,

    /// <summary>An explicit page break in the source (DOCX): the next block starts a page.</summary>
    PageBreak,
}
