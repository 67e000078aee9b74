using RagPlatform.Core.Ingestion;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis;
using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>Reads the words of a page in reading order, grouped into blocks, with PdfPig's own layout
/// analysis: nearest-neighbour word extraction (see <see cref="PdfWordGrouping"/>), Docstrum blocks
/// and the unsupervised reading-order detector. Drops garbage (see <see cref="UnmappableText"/>)
/// letter by letter, and the whole text layer when most of it is garbage.</summary>
internal sealed class PdfTextLayerReader(double maxUnmappableFraction)
{
    // Docstrum is O(n log n) in words, but the unsupervised reading-order detector compares every
    // pair of blocks. Past these sizes (maps, tables of numbers, hostile files) the cheaper
    // content-stream order is used, so a single page cannot stall ingestion.
    private const int MaxWordsForBlockAnalysis = 25_000;
    private const int MaxBlocksForReadingOrder = 1_500;

    // Column by column, top to bottom, from spatial relations alone (5 points of tolerance). The
    // detector's default also trusts the order the producer drew text in, which design tools and
    // reflowed exports scramble; on two- and three-column layouts drawn in shuffled order only the
    // spatial rules recover the order. Tables are then read column by column as well.
    // One thread per page, as for the words (PdfWordGrouping).
    private static readonly DocstrumBoundingBoxes PageSegmenter = new(new DocstrumBoundingBoxes.DocstrumBoundingBoxesOptions { MaxDegreeOfParallelism = 1 });

    private static readonly UnsupervisedReadingOrderDetector ReadingOrder =
        new(5, UnsupervisedReadingOrderDetector.SpatialReasoningRules.ColumnWise, useRenderingOrder: false);

    public PageText Read(Page page, PageFrame frame, IReadOnlyDictionary<string, int> unmappedGlyphsByFont)
    {
        var letters = page.Letters;
        var unmappedFonts = UnmappableText.FindUnmappedFonts(letters, unmappedGlyphsByFont);

        var kept = new List<Letter>(letters.Count);
        var visible = 0;
        var unmappable = 0;
        foreach (var letter in letters)
        {
            var value = letter.Value ?? string.Empty;
            if (value.Length > 0 && string.IsNullOrWhiteSpace(value))
            {
                // Not counted as drawn text, but kept: a drawn space separates words.
                kept.Add(letter);
                continue;
            }

            visible++;
            if (UnmappableText.IsUnmappable(value) || unmappedFonts.Contains(letter.FontName ?? string.Empty))
            {
                unmappable++;
                continue;
            }

            kept.Add(letter);
        }

        // Font names in PdfPig's warnings and on letters can differ (odd names, Type 3 fonts); the
        // page-wide count of unmapped glyphs still bounds the garbage from below.
        var unmappedGlyphs = unmappedGlyphsByFont.Values.Sum();
        unmappable = Math.Max(unmappable, Math.Min(unmappedGlyphs, visible));

        if (visible == 0)
        {
            return PageText.Empty;
        }

        if (unmappable > visible * maxUnmappableFraction)
        {
            return new PageText([], visible, unmappable, IsUnmappable: true);
        }

        return new PageText(LayOut(kept, frame), visible, unmappable, IsUnmappable: false);
    }

    private static List<ExtractedWord> LayOut(List<Letter> letters, PageFrame frame)
    {
        var words = PdfWordGrouping.GetWords(letters);

        var result = new List<ExtractedWord>(words.Count);
        if (words.Count > MaxWordsForBlockAnalysis)
        {
            AddBlock(result, words, 0, frame);
            return result;
        }

        var blocks = PageSegmenter.GetBlocks(words);
        IEnumerable<TextBlock> ordered = blocks.Count > MaxBlocksForReadingOrder
            ? RenderingReadingOrderDetector.Instance.Get(blocks)
            : ReadingOrder.Get(blocks);

        var blockIndex = 0;
        foreach (var block in ordered)
        {
            if (AddBlock(result, block.TextLines.SelectMany(line => line.Words), blockIndex, frame))
            {
                blockIndex++;
            }
        }

        return result;
    }

    private static bool AddBlock(List<ExtractedWord> result, IEnumerable<Word> words, int block, PageFrame frame)
    {
        var added = false;
        foreach (var word in words)
        {
            if (frame.ToRegion(word.BoundingBox) is { } box)
            {
                result.Add(new ExtractedWord(word.Text, box, block));
                added = true;
            }
        }

        return added;
    }
}
