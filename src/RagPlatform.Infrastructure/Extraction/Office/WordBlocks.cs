using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using RagPlatform.Infrastructure.Extraction.Flow;
using Drawing = DocumentFormat.OpenXml.Drawing;

namespace RagPlatform.Infrastructure.Extraction.Office;

/// <summary>A DOCX body as blocks in document order: paragraphs whose style is a heading (or the
/// title) as headings, tables as one row per line, explicit page breaks, and the pictures drawn in
/// the text as image blocks where they stand.</summary>
internal static class WordBlocks
{
    public static List<FlowBlock> Read(WordprocessingDocument document)
    {
        var main = document.MainDocumentPart ?? throw new InvalidDataException("The package has no main document part.");
        var body = main.Document?.Body ?? throw new InvalidDataException("The main document part has no body.");
        var headings = HeadingLevels(main);
        var blocks = new List<FlowBlock>();
        foreach (var element in body.Elements())
        {
            Add(element, main, headings, blocks);
        }

        return blocks;
    }

    private static void Add(OpenXmlElement element, MainDocumentPart main, Dictionary<string, int> headings, List<FlowBlock> blocks)
    {
        switch (element)
        {
            case Paragraph paragraph:
                AddParagraph(paragraph, main, headings, blocks);
                break;
            case Table table:
                foreach (var row in table.Elements<TableRow>())
                {
                    var cells = row.Elements<TableCell>().Select(c => Normalise(c.InnerText)).ToList();
                    if (cells.Any(c => c.Length > 0))
                    {
                        blocks.Add(FlowBlock.TableRow(cells));
                    }
                }

                break;
            case SdtBlock content:
                foreach (var child in content.SdtContentBlock?.Elements() ?? [])
                {
                    Add(child, main, headings, blocks);
                }

                break;
        }
    }

    private static void AddParagraph(Paragraph paragraph, MainDocumentPart main, Dictionary<string, int> headings, List<FlowBlock> blocks)
    {
        if (paragraph.ParagraphProperties?.PageBreakBefore is { } before && (before.Val is null || before.Val.Value))
        {
            blocks.Add(FlowBlock.PageBreak);
        }

        var styleId = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
        var level = styleId is not null && headings.TryGetValue(styleId, out var found) ? found : 0;
        var text = new StringBuilder();
        var pictures = new List<FlowBlock>();

        void Flush()
        {
            var normalised = Normalise(text.ToString());
            if (normalised.Length > 0)
            {
                blocks.Add(level > 0 ? FlowBlock.Heading(normalised, level) : FlowBlock.Paragraph(normalised));
            }

            blocks.AddRange(pictures);
            text.Clear();
            pictures.Clear();
        }

        foreach (var node in paragraph.Descendants())
        {
            switch (node)
            {
                case Text t:
                    text.Append(t.Text);
                    break;
                case TabChar or CarriageReturn:
                    text.Append(' ');
                    break;
                case Break { Type: { } type } when type.Value == BreakValues.Page:
                    Flush();
                    blocks.Add(FlowBlock.PageBreak);
                    break;
                case Break:
                    text.Append(' ');
                    break;
                case Drawing.Blip blip when PackageImages.Read(main, blip.Embed?.Value) is { } picture:
                    pictures.Add(picture);
                    break;
            }
        }

        Flush();
    }

    /// <summary>Heading level by style id: styles named "heading 1" … "heading 9" (Word's built-in
    /// names, whatever the id is in the document's language), "Title" as level 1, or with an
    /// outline level.</summary>
    private static Dictionary<string, int> HeadingLevels(MainDocumentPart main)
    {
        var levels = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) { ["Title"] = 1 };
        for (var n = 1; n <= 9; n++)
        {
            levels[$"Heading{n}"] = n;
        }

        foreach (var style in main.StyleDefinitionsPart?.Styles?.Elements<Style>() ?? [])
        {
            var id = style.StyleId?.Value;
            var name = style.StyleName?.Val?.Value ?? string.Empty;
            if (id is null)
            {
                continue;
            }

            if (name.StartsWith("heading ", StringComparison.OrdinalIgnoreCase) && int.TryParse(name.AsSpan(8), out var level))
            {
                levels[id] = level;
            }
            else if (name.Equals("Title", StringComparison.OrdinalIgnoreCase))
            {
                levels[id] = 1;
            }
            else if (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is { } outline && outline < 9)
            {
                levels[id] = outline + 1;
            }
        }

        return levels;
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
