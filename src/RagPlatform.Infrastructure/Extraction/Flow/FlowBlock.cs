using RagPlatform.Core.Documents;

namespace RagPlatform.Infrastructure.Extraction.Flow;

/// <summary>One block of a document that has no pages of its own (text, Markdown, HTML, DOCX,
/// a slide): a heading, a paragraph, a table row, an image or a page break.</summary>
/// <param name="Level">Heading level, 1 (title) to 6; 0 for other blocks.</param>
/// <param name="Image">The image's file for <see cref="FlowBlockKind.Image"/> blocks.</param>
internal sealed record FlowBlock(FlowBlockKind Kind, string Text, int Level = 0, EncodedImage? Image = null)
{
    public static FlowBlock Heading(string text, int level) => new(FlowBlockKind.Heading, text, Math.Clamp(level, 1, 6));

    public static FlowBlock Paragraph(string text) => new(FlowBlockKind.Paragraph, text);

    public static FlowBlock TableRow(IEnumerable<string> cells) => new(FlowBlockKind.TableRow, string.Join(" | ", cells));

    public static FlowBlock PageBreak { get; } = new(FlowBlockKind.PageBreak, string.Empty);

    public static FlowBlock Picture(EncodedImage image, string caption) => new(FlowBlockKind.Image, caption, Image: image);

    /// <summary>Characters this block counts for when pages are cut by size (an image as much as a
    /// short paragraph, for the room it takes).</summary>
    public int Weight => Kind == FlowBlockKind.Image ? 400 : Text.Length;
}
