namespace RagPlatform.Infrastructure.Extraction.Flow;

/// <summary>Plain text as paragraphs: runs of lines between blank lines.</summary>
internal static class PlainTextBlocks
{
    public static IEnumerable<FlowBlock> Parse(string text)
    {
        var paragraph = new List<string>();
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                if (paragraph.Count > 0)
                {
                    yield return FlowBlock.Paragraph(string.Join(' ', paragraph));
                    paragraph.Clear();
                }

                continue;
            }

            paragraph.Add(line.Trim());
        }

        if (paragraph.Count > 0)
        {
            yield return FlowBlock.Paragraph(string.Join(' ', paragraph));
        }
    }
}
