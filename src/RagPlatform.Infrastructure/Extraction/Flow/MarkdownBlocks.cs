using System.Text.RegularExpressions;

namespace RagPlatform.Infrastructure.Extraction.Flow;

/// <summary>Markdown as headings (ATX <c>#</c> and setext underlines), paragraphs, list items, table
/// rows and code blocks, with inline markup (emphasis, code spans, links, images) reduced to its text.</summary>
internal static partial class MarkdownBlocks
{
    public static List<FlowBlock> Parse(string text)
    {
        var blocks = new List<FlowBlock>();
        var paragraph = new List<string>();
        string? fence = null;

        void Flush()
        {
            if (paragraph.Count > 0)
            {
                blocks.Add(FlowBlock.Paragraph(fence is null ? Inline(string.Join(' ', paragraph)) : string.Join(' ', paragraph)));
                paragraph.Clear();
            }
        }

        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal))
            {
                Flush();
                fence = fence is null ? line[..3] : null;
                continue;
            }

            if (fence is not null)
            {
                paragraph.Add(line);
                continue;
            }

            if (line.Length == 0)
            {
                Flush();
            }
            else if (AtxHeading().Match(line) is { Success: true } atx)
            {
                Flush();
                blocks.Add(FlowBlock.Heading(Inline(atx.Groups[2].Value), atx.Groups[1].Length));
            }
            else if (paragraph.Count == 1 && SetextUnderline().IsMatch(line))
            {
                blocks.Add(FlowBlock.Heading(Inline(paragraph[0]), line[0] == '=' ? 1 : 2));
                paragraph.Clear();
            }
            else if (line.StartsWith('|'))
            {
                Flush();
                if (!TableSeparator().IsMatch(line))
                {
                    blocks.Add(FlowBlock.TableRow(line.Trim('|').Split('|').Select(c => Inline(c.Trim()))));
                }
            }
            else if (ListItem().IsMatch(line))
            {
                Flush();
                paragraph.Add(line);
            }
            else
            {
                paragraph.Add(line);
            }
        }

        Flush();
        return blocks;
    }

    /// <summary>Text without inline markup: <c>![alt](src)</c> and <c>[text](url)</c> keep their
    /// words, emphasis and code marks go.</summary>
    private static string Inline(string text)
    {
        text = Link().Replace(text, "$1");
        return Emphasis().Replace(text, string.Empty).Trim();
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.*?)\s*#*\s*$")]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"^(=+|-+)$")]
    private static partial Regex SetextUnderline();

    [GeneratedRegex(@"^\|?[\s:|-]+\|?$")]
    private static partial Regex TableSeparator();

    [GeneratedRegex(@"^([-*+]|\d+[.)])\s+")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(\*\*|__|`|(?<=\s|^)[*_]|[*_](?=\s|$))")]
    private static partial Regex Emphasis();
}
