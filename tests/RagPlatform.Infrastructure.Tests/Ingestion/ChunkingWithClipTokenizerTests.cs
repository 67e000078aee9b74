using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Clip;
using RagPlatform.Infrastructure.Extraction;
using RagPlatform.Infrastructure.Tests.Extraction;

namespace RagPlatform.Infrastructure.Tests.Ingestion;

/// <summary>The chunker with the real CLIP tokenizer on a real 17-page specification: every chunk
/// reaches the text tower whole, nothing is cut off by its 77-token window.</summary>
public sealed class ChunkingWithClipTokenizerTests
{
    [Fact]
    public async Task Every_chunk_of_a_real_document_fits_the_clip_window_without_truncation()
    {
        var tokenizer = ClipTokenizer.Embedded;
        var chunker = new TextChunker(tokenizer);
        var pages = await ExtractorFactory.ExtractAllAsync(
            RealPdfTests.FixturePath("shared-mime-info-spec.pdf"), new ExtractionOptions { RenderDpi = 40, MinRenderSide = 64 });

        var chunks = pages.SelectMany(p => chunker.Chunk(p.Words)).ToList();
        var words = pages.Sum(p => p.Words.Count(w => !string.IsNullOrWhiteSpace(w.Text)));

        Assert.True(chunks.Count > 17, $"only {chunks.Count} chunks");
        Assert.Equal(words, chunks.Sum(c => c.Text.Split(' ').Length));
        foreach (var chunk in chunks.Where(c => c.Text.Split(' ').Length > 1))
        {
            // The whole text encoded at once (Encode truncates at 77) gives exactly the per-word
            // count the chunker summed, plus the start and end markers: nothing was cut.
            var ids = tokenizer.Encode(chunk.Text);
            Assert.Equal(chunk.TokenCount + 2, ids.Length);
            Assert.InRange(ids.Length, 3, ClipTokenizer.ContextLength);
        }
    }
}
