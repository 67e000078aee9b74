namespace RagPlatform.Core.Ingestion;

/// <summary>Cuts a page's words into chunks that fit the text encoder's window, so every chunk is
/// embedded whole (the CLIP text tower sees 77 tokens and silently drops the rest).</summary>
/// <remarks>Words are counted one at a time: the CLIP tokenizer splits on whitespace before BPE, so
/// the tokens of a sentence are the sum of the tokens of its words. A chunk closes early at a block
/// (paragraph) boundary once it is at least <see cref="MinFillAtBlockEnd"/> full, so passages
/// rarely straddle two paragraphs or columns. Each chunk carries the words of the section headings it
/// holds (<see cref="SectionHeadings"/>), which the lexical index weighs as a field.</remarks>
public sealed class TextChunker(ITokenCounter tokenCounter)
{
    /// <summary>Fraction of the window a chunk must fill before a paragraph end closes it.</summary>
    public const double MinFillAtBlockEnd = 0.5;

    public IReadOnlyList<TextChunk> Chunk(IReadOnlyList<ExtractedWord> words)
    {
        var budget = tokenCounter.MaxContentTokens;
        var chunks = new List<TextChunk>();
        var headings = SectionHeadings.Find(words);
        var current = new List<ExtractedWord>();
        var currentHeadings = new List<string>();
        var tokens = 0;

        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (string.IsNullOrWhiteSpace(word.Text))
            {
                continue;
            }

            var cost = tokenCounter.CountTokens(word.Text);
            var overflows = current.Count > 0 && tokens + cost > budget;
            var paragraphEnds = current.Count > 0 && word.Block != current[^1].Block && tokens >= budget * MinFillAtBlockEnd;
            // A section heading starts a chunk: the passage then holds the heading with its section.
            var sectionStarts = current.Count > 0 && headings[i] && !headings[i - 1];
            if (overflows || paragraphEnds || sectionStarts)
            {
                chunks.Add(Close(current, currentHeadings, tokens));
                current.Clear();
                currentHeadings.Clear();
                tokens = 0;
            }

            // A single word longer than the window (a URL, a run of digits) stays one chunk; the
            // encoder truncates it, and the lexical index still holds it whole.
            current.Add(word);
            if (headings[i])
            {
                currentHeadings.Add(word.Text.Trim());
            }

            tokens += cost;
        }

        if (current.Count > 0)
        {
            chunks.Add(Close(current, currentHeadings, tokens));
        }

        return chunks;
    }

    private static TextChunk Close(List<ExtractedWord> words, List<string> headings, int tokens)
    {
        var box = words[0].Box;
        for (var i = 1; i < words.Count; i++)
        {
            box = box.Union(words[i].Box);
        }

        return new TextChunk(string.Join(' ', words.Select(w => w.Text.Trim())), box, tokens) { Headings = string.Join(' ', headings) };
    }
}
