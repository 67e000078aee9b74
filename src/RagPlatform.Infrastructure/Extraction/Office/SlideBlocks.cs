using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using RagPlatform.Infrastructure.Extraction.Flow;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

namespace RagPlatform.Infrastructure.Extraction.Office;

/// <summary>One slide as blocks in reading order: the title first (as the page's heading), then the
/// other shapes top to bottom, left to right (text paragraphs, table rows, pictures), then the
/// speaker notes under a "Notes" heading.</summary>
internal static class SlideBlocks
{
    public static List<FlowBlock> Read(SlidePart slide)
    {
        var tree = slide.Slide?.CommonSlideData?.ShapeTree;
        var blocks = new List<FlowBlock>();
        if (tree is null)
        {
            return blocks;
        }

        var shapes = tree.Elements().Where(e => e is P.Shape or P.Picture or P.GraphicFrame or P.GroupShape).ToList();
        var titles = shapes.OfType<P.Shape>().Where(IsTitle).ToList();
        foreach (var title in titles)
        {
            var text = Normalise(string.Join(' ', title.Descendants<A.Paragraph>().Select(p => p.InnerText)));
            if (text.Length > 0)
            {
                blocks.Add(FlowBlock.Heading(text, 1));
            }
        }

        foreach (var shape in shapes.Except(titles).OrderBy(s => Offset(s).Y).ThenBy(s => Offset(s).X))
        {
            AddShape(shape, slide, blocks);
        }

        var notes = slide.NotesSlidePart?.NotesSlide?.CommonSlideData?.ShapeTree?.Elements<P.Shape>()
            .Where(s => PlaceholderType(s) == P.PlaceholderValues.Body)
            .SelectMany(s => s.Descendants<A.Paragraph>())
            .Select(p => Normalise(p.InnerText))
            .Where(t => t.Length > 0)
            .ToList() ?? [];
        if (notes.Count > 0)
        {
            blocks.Add(FlowBlock.Heading("Notes", 3));
            blocks.AddRange(notes.Select(FlowBlock.Paragraph));
        }

        return blocks;
    }

    private static void AddShape(OpenXmlElement shape, SlidePart slide, List<FlowBlock> blocks)
    {
        foreach (var node in shape.Descendants().Prepend(shape))
        {
            switch (node)
            {
                case A.Paragraph paragraph when paragraph.Ancestors<A.Table>().FirstOrDefault() is null:
                    var text = Normalise(paragraph.InnerText);
                    if (text.Length > 0)
                    {
                        blocks.Add(FlowBlock.Paragraph(text));
                    }

                    break;
                case A.TableRow row:
                    var cells = row.Elements<A.TableCell>().Select(c => Normalise(c.InnerText)).ToList();
                    if (cells.Any(c => c.Length > 0))
                    {
                        blocks.Add(FlowBlock.TableRow(cells));
                    }

                    break;
                case A.Blip blip when PackageImages.Read(slide, blip.Embed?.Value) is { } picture:
                    blocks.Add(picture);
                    break;
            }
        }
    }

    private static bool IsTitle(P.Shape shape) =>
        PlaceholderType(shape) is { } type && (type == P.PlaceholderValues.Title || type == P.PlaceholderValues.CenteredTitle);

    private static P.PlaceholderValues? PlaceholderType(P.Shape shape)
    {
        var placeholder = shape.NonVisualShapeProperties?.ApplicationNonVisualDrawingProperties?.PlaceholderShape;
        return placeholder is null ? null : placeholder.Type?.Value ?? P.PlaceholderValues.Body;
    }

    private static (long X, long Y) Offset(OpenXmlElement shape) =>
        shape.Descendants<A.Offset>().FirstOrDefault() is { } offset ? (offset.X?.Value ?? 0, offset.Y?.Value ?? 0) : (0, 0);

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
