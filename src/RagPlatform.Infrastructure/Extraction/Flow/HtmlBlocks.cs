using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace RagPlatform.Infrastructure.Extraction.Flow;

/// <summary>An HTML page as blocks: the title first (as the top heading), then headings, paragraphs,
/// list items and table rows of the body in document order, without scripts, styles, navigation,
/// headers, footers or forms. Nothing is fetched: scripts never run, external images are not loaded.</summary>
internal static class HtmlBlocks
{
    private static readonly string[] Boilerplate = ["script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "svg", "iframe", "object", "button"];

    private static readonly HashSet<string> Leaves = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "li", "pre", "blockquote", "dt", "dd", "figcaption", "caption", "summary", "address",
    };

    public static List<FlowBlock> Parse(string html)
    {
        using var document = new HtmlParser().ParseDocument(html);
        foreach (var element in document.QuerySelectorAll(string.Join(',', Boilerplate)).ToList())
        {
            element.Remove();
        }

        var blocks = new List<FlowBlock>();
        var title = Normalise(document.Title);
        if (title.Length > 0)
        {
            blocks.Add(FlowBlock.Heading(title, 1));
        }

        if (document.Body is { } body)
        {
            Walk(body, blocks, title);
        }

        return blocks;
    }

    private static void Walk(IElement container, List<FlowBlock> blocks, string title)
    {
        var loose = new List<string>();
        foreach (var node in container.ChildNodes)
        {
            if (node is not IElement element)
            {
                loose.Add(node.TextContent);
                continue;
            }

            var name = element.LocalName;
            if (IsInline(name))
            {
                loose.Add(element.TextContent);
                continue;
            }

            Flush(loose, blocks);
            if (name.Length == 2 && name[0] == 'h' && char.IsAsciiDigit(name[1]))
            {
                var text = Normalise(element.TextContent);
                // The page's title usually repeats as its first heading.
                if (text.Length > 0 && !(blocks.Count == 1 && text == title))
                {
                    blocks.Add(FlowBlock.Heading(text, name[1] - '0'));
                }
            }
            else if (name == "tr")
            {
                var cells = element.Children.Where(c => c.LocalName is "td" or "th").Select(c => Normalise(c.TextContent)).ToList();
                if (cells.Any(c => c.Length > 0))
                {
                    blocks.Add(FlowBlock.TableRow(cells));
                }
            }
            else if (Leaves.Contains(name))
            {
                Add(element.TextContent, blocks);
            }
            else
            {
                Walk(element, blocks, title);
            }
        }

        Flush(loose, blocks);
    }

    private static bool IsInline(string name) => name is "a" or "b" or "i" or "em" or "strong" or "span" or "code" or "small"
        or "sub" or "sup" or "abbr" or "cite" or "q" or "mark" or "u" or "s" or "kbd" or "var" or "time" or "label" or "br" or "img";

    private static void Flush(List<string> loose, List<FlowBlock> blocks)
    {
        Add(string.Concat(loose), blocks);
        loose.Clear();
    }

    private static void Add(string text, List<FlowBlock> blocks)
    {
        var normalised = Normalise(text);
        if (normalised.Length > 0)
        {
            blocks.Add(FlowBlock.Paragraph(normalised));
        }
    }

    private static string Normalise(string? text) =>
        string.Join(' ', (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
