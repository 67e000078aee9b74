using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>Groups a page's letters into words with PdfPig's nearest-neighbour extractor, told two
/// things its defaults get wrong. A space the producer drew is a word break, whatever its width
/// (justified lines squeeze spaces below any gap threshold). And the largest gap inside a word is
/// measured from the letters' point size and advance widths, never from glyph boxes: for fonts that
/// are not embedded those are the whole font's bounding box, two or three ems wide, and words
/// separated by positioning alone ran together ("FirstLast,UniversityofCity").</summary>
internal static class PdfWordGrouping
{
    /// <summary>The largest gap between two letters of one word, in ems. Interword spaces are a
    /// quarter to a third of an em (TeX stretches them to half an em, justified text squeezes them
    /// to a fifth); kerning and letter spacing stay well below a tenth.</summary>
    /// <remarks>Measured against poppler's pdftotext on 13 real PDFs (R manuals from pdfTeX, groff
    /// man pages in unembedded Times), 0.15 with the allowance for indexes agrees as well as PdfPig's
    /// defaults did, and unlike 0.2 it parts words set a fifth of an em apart.</remarks>
    private const double MaxGapInEms = 0.15;

    /// <summary>Below this ratio of point sizes a letter counts as smaller than its neighbour.</summary>
    private const double SmallerLetterRatio = 0.9;

    /// <summary>Largest gap between letters of one word, as a multiple of the larger letter's em:
    /// twice <see cref="MaxGapInEms"/> for an index, twice that again at an angle.</summary>
    private const double MaxGapFactor = MaxGapInEms * 2 * 2;

    /// <summary>A page whose largest letter has more than this many times the median letter's em
    /// (a drop cap, a poster, broken font matrices) is grouped by PdfPig's extractor itself: the
    /// grid's cells are sized by the largest letter, and would hold too many small ones.</summary>
    private const double MaxEmSpread = 8;

    /// <param name="letters">The page's letters in content-stream order, spaces included.</param>
    /// <param name="withPdfPigExtractor">Groups with PdfPig's own extractor even where the grid
    /// would do (to compare the two).</param>
    /// <returns>The words, without the spaces.</returns>
    public static List<Word> GetWords(IReadOnlyList<Letter> letters, bool withPdfPigExtractor = false)
    {
        var distinct = FakeBoldLetters.WithoutCopies(letters);
        var beforeSpace = LettersFollowedBySpace(distinct);

        // A letter links only to the letter after it; one followed by a drawn space links to
        // nothing, so the space separates the words even where it is narrower than any gap.
        bool MayLead(Letter letter) => !IsSpace(letter) && !beforeSpace.Contains(letter);
        static bool MayFollow(Letter _, Letter candidate) => !IsSpace(candidate);

        var words = !withPdfPigExtractor && LargestEm(distinct) is { } reach
            ? NearestLetterLinks.GroupIntoWords(distinct, MayLead, MayFollow, MaximumGap, reach * MaxGapFactor)
            : [.. new NearestNeighbourWordExtractor(new NearestNeighbourWordExtractor.NearestNeighbourWordExtractorOptions
            {
                MaximumDistance = MaximumGap,

                // One thread per page: pages are read beside their render and beside other workers'
                // pages, so splitting one page's few thousand letters across threads only adds overhead.
                MaxDegreeOfParallelism = 1,
                FilterPivot = MayLead,
                Filter = MayFollow,
            }).GetWords(distinct)];

        return words.Where(word => !string.IsNullOrWhiteSpace(word.Text)).ToList();
    }

    /// <returns>The largest em of the page's letters, or null when it exceeds <see cref="MaxEmSpread"/>
    /// times the median em (or the page has no letters).</returns>
    private static double? LargestEm(List<Letter> letters)
    {
        if (letters.Count == 0)
        {
            return null;
        }

        var ems = letters.Select(EmOf).Where(double.IsFinite).Order().ToArray();
        if (ems.Length == 0)
        {
            return null;
        }

        var (median, largest) = (ems[ems.Length / 2], ems[^1]);
        return largest <= median * MaxEmSpread && largest > 0 ? largest : null;
    }

    private static double MaximumGap(Letter first, Letter second)
    {
        var (em, otherEm) = (EmOf(first), EmOf(second));
        var gap = Math.Max(em, otherEm) * MaxGapInEms;

        // A smaller letter raised or lowered next to a larger one is an index or an exponent ("x2",
        // "β1"): its baseline shift counts towards the distance, so it is allowed twice the gap.
        if (Math.Min(em, otherEm) < Math.Max(em, otherEm) * SmallerLetterRatio)
        {
            gap *= 2;
        }

        var oblique = first.TextOrientation == TextOrientation.Other || second.TextOrientation == TextOrientation.Other;

        // Text at an angle is measured with the Euclidean distance of two baseline points, which
        // rounding of the transformed positions stretches a little.
        return oblique ? gap * 2 : gap;
    }

    /// <summary>The letter's em in points: its point size, or, where the producer's matrices leave
    /// none (zero, or not a number), twice its advance width, about an em for a typical letter.</summary>
    private static double EmOf(Letter letter) =>
        letter.PointSize > 0 && double.IsFinite(letter.PointSize) ? letter.PointSize : Math.Abs(letter.Width) * 2;

    private static HashSet<Letter> LettersFollowedBySpace(List<Letter> letters)
    {
        var result = new HashSet<Letter>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i + 1 < letters.Count; i++)
        {
            var (letter, next) = (letters[i], letters[i + 1]);
            if (!IsSpace(letter) && IsSpace(next) && Starts(next, near: letter.EndBaseLine, within: EmOf(letter)))
            {
                result.Add(letter);
            }
        }

        return result;
    }

    /// <summary>Whether the letter starts near the point: a space drawn elsewhere (a run that ends in a
    /// space and then jumps back) separates nothing.</summary>
    private static bool Starts(Letter letter, PdfPoint near, double within) =>
        Math.Abs(letter.StartBaseLine.X - near.X) + Math.Abs(letter.StartBaseLine.Y - near.Y) <= within;

    private static bool IsSpace(Letter letter) => string.IsNullOrWhiteSpace(letter.Value);
}
