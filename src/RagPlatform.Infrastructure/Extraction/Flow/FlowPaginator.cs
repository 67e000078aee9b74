namespace RagPlatform.Infrastructure.Extraction.Flow;

/// <summary>Cuts a flowing document into pages of bounded size, so a hit still has a page and a
/// region: at explicit page breaks, before a heading once the page is half full, and at paragraph
/// boundaries once a page holds <see cref="MaxPageCharacters"/>. A heading always stays with the
/// text that follows it; a paragraph longer than a page is cut between words.</summary>
internal static class FlowPaginator
{
    public const int MaxPageCharacters = 3000;

    public static List<List<FlowBlock>> Paginate(IEnumerable<FlowBlock> blocks)
    {
        var pages = new List<List<FlowBlock>>();
        var page = new List<FlowBlock>();
        var size = 0;

        void Close()
        {
            if (page.Count > 0)
            {
                pages.Add(page);
            }

            (page, size) = ([], 0);
        }

        foreach (var block in blocks.SelectMany(Split))
        {
            if (block.Kind == FlowBlockKind.PageBreak)
            {
                Close();
                continue;
            }

            var startsSection = block.Kind == FlowBlockKind.Heading && size >= MaxPageCharacters / 2;
            if ((startsSection || size + block.Weight > MaxPageCharacters) && page.Count > 0)
            {
                // Headings at the end of the page go with their section onto the next one.
                var trailing = page.Count - page.FindLastIndex(b => b.Kind != FlowBlockKind.Heading) - 1;
                var carried = trailing < page.Count ? page.GetRange(page.Count - trailing, trailing) : [];
                page.RemoveRange(page.Count - carried.Count, carried.Count);
                Close();
                page.AddRange(carried);
                size = carried.Sum(b => b.Weight);
            }

            page.Add(block);
            size += block.Weight;
        }

        Close();
        return pages;
    }

    /// <summary>A paragraph longer than a page, in pieces of at most a page cut between words.</summary>
    private static IEnumerable<FlowBlock> Split(FlowBlock block)
    {
        if (block.Kind != FlowBlockKind.Paragraph || block.Text.Length <= MaxPageCharacters)
        {
            yield return block;
            yield break;
        }

        var text = block.Text.AsMemory();
        while (text.Length > MaxPageCharacters)
        {
            var cut = text.Span[..MaxPageCharacters].LastIndexOf(' ');
            cut = cut > 0 ? cut : MaxPageCharacters;
            yield return block with { Text = text[..cut].ToString().Trim() };
            text = text[cut..];
        }

        if (!text.Span.IsWhiteSpace())
        {
            yield return block with { Text = text.ToString().Trim() };
        }
    }
}
