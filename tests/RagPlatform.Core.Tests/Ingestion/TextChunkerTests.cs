using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Core.Tests.Ingestion;

public sealed class TextChunkerTests
{
    /// <summary>Costs one token per started group of four characters, so budgets in these tests are
    /// exact arithmetic. The real CLIP tokenizer is checked against the chunker in the
    /// Infrastructure tests.</summary>
    private sealed class FourCharactersPerToken(int maxContentTokens) : ITokenCounter
    {
        public int MaxContentTokens => maxContentTokens;

        public int CountTokens(string text) => (text.Length + 3) / 4;
    }

    private static ExtractedWord Word(string text, int index, int block = 0) =>
        new(text, new Region(0.1 + (index % 10 * 0.05), 0.1 + (index / 10 * 0.02), 0.04, 0.015), block);

    [Fact]
    public void Every_chunk_fits_the_token_window()
    {
        var words = Enumerable.Range(0, 200).Select(i => Word(i % 3 == 0 ? "lengthy" : "word", i)).ToList();
        var chunker = new TextChunker(new FourCharactersPerToken(10));

        var chunks = chunker.Chunk(words);

        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, 10));
        Assert.Equal(words.Count, chunks.Sum(c => c.Text.Split(' ').Length));
    }

    [Fact]
    public void Chunks_keep_the_words_in_reading_order()
    {
        var words = Enumerable.Range(0, 30).Select(i => Word($"w{i}", i)).ToList();

        var chunks = new TextChunker(new FourCharactersPerToken(5)).Chunk(words);

        Assert.Equal(string.Join(' ', words.Select(w => w.Text)), string.Join(' ', chunks.Select(c => c.Text)));
    }

    [Fact]
    public void A_chunk_box_is_the_union_of_its_word_boxes()
    {
        var words = new[]
        {
            new ExtractedWord("top", new Region(0.2, 0.1, 0.1, 0.02), 0),
            new ExtractedWord("left", new Region(0.05, 0.3, 0.1, 0.02), 0),
            new ExtractedWord("right", new Region(0.7, 0.2, 0.2, 0.03), 0),
        };

        var chunk = Assert.Single(new TextChunker(new FourCharactersPerToken(75)).Chunk(words));

        Assert.Equal(0.05, chunk.Box.X, 9);
        Assert.Equal(0.1, chunk.Box.Y, 9);
        Assert.Equal(0.9, chunk.Box.Right, 9);
        Assert.Equal(0.32, chunk.Box.Bottom, 9);
    }

    [Fact]
    public void A_paragraph_end_closes_a_chunk_that_is_half_full()
    {
        var words = Enumerable.Range(0, 6).Select(i => Word("abcd", i, block: 0))
            .Concat(Enumerable.Range(6, 6).Select(i => Word("efgh", i, block: 1)))
            .ToList();

        var chunks = new TextChunker(new FourCharactersPerToken(10)).Chunk(words);

        Assert.Equal(["abcd abcd abcd abcd abcd abcd", "efgh efgh efgh efgh efgh efgh"], chunks.Select(c => c.Text));
    }

    [Fact]
    public void A_short_paragraph_joins_the_next_one()
    {
        var words = new[] { Word("Title", 0, block: 0), Word("body", 1, block: 1), Word("text", 2, block: 1) };

        var chunk = Assert.Single(new TextChunker(new FourCharactersPerToken(10)).Chunk(words));

        Assert.Equal("Title body text", chunk.Text);
    }

    [Fact]
    public void A_word_longer_than_the_window_becomes_its_own_chunk()
    {
        var words = new[] { Word("before", 0), Word(new string('x', 100), 1), Word("after", 2) };

        var chunks = new TextChunker(new FourCharactersPerToken(10)).Chunk(words);

        Assert.Equal(3, chunks.Count);
        Assert.Equal(25, chunks[1].TokenCount);
    }

    [Fact]
    public void Blank_words_and_empty_pages_give_no_chunks()
    {
        var chunker = new TextChunker(new FourCharactersPerToken(10));

        Assert.Empty(chunker.Chunk([]));
        Assert.Empty(chunker.Chunk([Word(" ", 0), Word("", 1)]));
    }

    [Fact]
    public void A_chunk_carries_the_words_of_the_headings_it_holds()
    {
        List<ExtractedWord> words =
        [
            new("7.22", new Region(0.1, 0.1, 0.04, 0.02), 0),
            new("Lattice", new Region(0.15, 0.1, 0.1, 0.02), 0),
            new("graphics", new Region(0.26, 0.1, 0.1, 0.02), 0),
            .. Enumerable.Range(0, 40).Select(i => new ExtractedWord($"body{i}", new Region(0.1 + (i % 8 * 0.1), 0.14 + (i / 8 * 0.02), 0.08, 0.012), 1)),
        ];

        var chunks = new TextChunker(new FourCharactersPerToken(30)).Chunk(words);

        Assert.True(chunks.Count > 1);
        Assert.Equal("7.22 Lattice graphics", chunks[0].Headings);
        Assert.All(chunks.Skip(1), c => Assert.Equal(string.Empty, c.Headings));
    }

    [Fact]
    public void A_section_heading_starts_a_new_chunk_with_its_section()
    {
        List<ExtractedWord> words =
        [
            .. Enumerable.Range(0, 8).Select(i => new ExtractedWord($"before{i}", new Region(0.1 + (i * 0.1), 0.1, 0.08, 0.012), 0)),
            new("8.4", new Region(0.1, 0.13, 0.04, 0.02), 0),
            new("Compilation", new Region(0.15, 0.13, 0.1, 0.02), 0),
            new("flags", new Region(0.26, 0.13, 0.1, 0.02), 0),
            .. Enumerable.Range(0, 8).Select(i => new ExtractedWord($"after{i}", new Region(0.1 + (i * 0.1), 0.17, 0.08, 0.012), 0)),
            .. Enumerable.Range(0, 8).Select(i => new ExtractedWord($"more{i}", new Region(0.1 + (i * 0.1), 0.19, 0.08, 0.012), 0)),
        ];

        var chunks = new TextChunker(new FourCharactersPerToken(75)).Chunk(words);

        Assert.Equal(2, chunks.Count);
        Assert.DoesNotContain("8.4", chunks[0].Text, StringComparison.Ordinal);
        Assert.StartsWith("8.4 Compilation flags after0", chunks[1].Text, StringComparison.Ordinal);
        Assert.Equal("8.4 Compilation flags", chunks[1].Headings);
    }
}
