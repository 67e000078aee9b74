namespace RagPlatform.Infrastructure.Ocr.FlatImageLines;

/// <summary>What an ink component is, judged by its shape alone (as tesseract's page layout
/// analysis does before it looks for lines).</summary>
internal enum BlobKind
{
    /// <summary>A letter, a piece of one, a few touching letters, or a mark that may be read.</summary>
    Text,

    /// <summary>A thin straight line (a rule, an axis, a border's side): no text.</summary>
    Rule,

    /// <summary>A solid block (a legend's swatch, a filled icon): no text.</summary>
    Solid,

    /// <summary>A large sparse shape (a frame, an axis with its ticks, a plotted line): no text.</summary>
    Frame,

    /// <summary>Larger than text at screen sizes and dense: a picture, or text too large to judge.</summary>
    Large,

    /// <summary>A hollow outline or a long thin stroke, higher than the letters of screen text: a
    /// check box, a button's rounded end, a callout's ring. No letter, but drawn beside labels, so
    /// that taking it for text or for nothing could join or cut their lines: the network judges.</summary>
    Widget,
}
