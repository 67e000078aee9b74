using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Benchmarks.Server;

/// <summary>Text PDFs for the ingestion suite, built with PdfPig as the tests build theirs: every
/// page a heading and 40 lines of about 12 words of <see cref="SyntheticText"/> (about 500 words,
/// some ten chunks), each document with topic words of its own, so no two documents or pages are
/// the same. Deterministic for a seed.</summary>
internal static class IngestPdfs
{
    private const int LinesPerPage = 40;

    public static IReadOnlyList<byte[]> Generate(int documents, int pages, ulong seed)
    {
        var random = new Random(unchecked((int)seed));
        var text = new SyntheticText();
        var files = new List<byte[]>(documents);
        for (var d = 0; d < documents; d++)
        {
            var topic = text.Topic(random);
            var builder = new PdfDocumentBuilder();
            var font = builder.AddStandard14Font(Standard14Font.Helvetica);
            var bold = builder.AddStandard14Font(Standard14Font.HelveticaBold);
            for (var p = 1; p <= pages; p++)
            {
                var page = builder.AddPage(PageSize.A4);
                page.AddText($"{d + 1}.{p} {text.Words(random, topic, 4).TrimEnd('.')}", 14, new PdfPoint(50, 800), bold);
                for (var line = 0; line < LinesPerPage; line++)
                {
                    page.AddText(text.Words(random, topic, random.Next(10, 14)), 10, new PdfPoint(50, 770 - (line * 18)), font);
                }
            }

            files.Add(builder.Build());
        }

        return files;
    }
}
