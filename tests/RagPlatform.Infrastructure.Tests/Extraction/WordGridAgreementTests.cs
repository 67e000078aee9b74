using RagPlatform.Infrastructure.Extraction;
using UglyToad.PdfPig;

namespace RagPlatform.Infrastructure.Tests.Extraction;

/// <summary>The grid that groups letters into words (<see cref="NearestLetterLinks"/>) gives the words
/// PdfPig's nearest-neighbour extractor gives, with the same rules, on every page of real documents:
/// the five R manuals of the evaluation set (pdfTeX, Type 1 fonts, ligatures, indexes, tables), the
/// shared-mime-info specification and the odd PDFs made for the evaluation (standard fonts, forms,
/// annotations). Words compare by their letters and box: within a word the grid keeps the letters
/// in content-stream order, where PdfPig's extractor sometimes moves one (TeX draws an accent as a
/// glyph of its own before its letter: PdfPig reads "Fran¸oisc" and "Universit¨ta", the grid
/// "Fran¸cois" and "Universit¨at").</summary>
public sealed class WordGridAgreementTests
{
    public static TheoryData<string> Documents()
    {
        var folders = new[] { Path.Combine(RepositoryRoot.Path, "eval", "manuals", "documents"), Path.Combine(RepositoryRoot.Path, "tests", "fixtures", "pdf") };
        var data = new TheoryData<string>();
        foreach (var file in folders.SelectMany(folder => Directory.EnumerateFiles(folder, "*.pdf")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryRoot.Path, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_page_has_the_words_of_PdfPigs_extractor(string document)
    {
        var path = Path.Combine(RepositoryRoot.Path, document);
        Assert.SkipUnless(File.Exists(path), $"{document} is not installed (Debian's r-doc-pdf; scripts/packages-test.txt).");

        using var pdf = PdfDocument.Open(path);
        var (pages, words) = (0, 0);
        for (var number = 1; number <= pdf.NumberOfPages; number++)
        {
            var letters = pdf.GetPage(number).Letters;
            var expected = Describe(PdfWordGrouping.GetWords(letters, withPdfPigExtractor: true));
            var actual = Describe(PdfWordGrouping.GetWords(letters));

            Assert.True(expected.SequenceEqual(actual), $"page {number}: PdfPig has {expected.Count} words, the grid {actual.Count}; first difference: "
                + FirstDifference(expected, actual) + " | only PdfPig: " + string.Join(" ; ", expected.Except(actual).Take(6)) + " | only grid: " + string.Join(" ; ", actual.Except(expected).Take(6)));
            (pages, words) = (pages + 1, words + actual.Count);
        }

        Assert.True(pages > 0 && (words > 0 || document.Contains("odd-", StringComparison.Ordinal)), $"{document}: {pages} pages, {words} words compared.");
    }

    private static List<string> Describe(IEnumerable<UglyToad.PdfPig.Content.Word> words) =>
        [.. words.Select(word => FormattableString.Invariant($"{string.Concat(word.Text.Order())} @ {word.BoundingBox.Left:F2},{word.BoundingBox.Bottom:F2},{word.BoundingBox.Right:F2},{word.BoundingBox.Top:F2}"))];

    private static string FirstDifference(List<string> expected, List<string> actual)
    {
        var index = Enumerable.Range(0, Math.Min(expected.Count, actual.Count)).FirstOrDefault(i => expected[i] != actual[i], Math.Min(expected.Count, actual.Count));
        return $"#{index}: PdfPig '{expected.ElementAtOrDefault(index)}', grid '{actual.ElementAtOrDefault(index)}'";
    }
}
