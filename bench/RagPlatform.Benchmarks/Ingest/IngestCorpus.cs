using RagPlatform.Benchmarks.Server;
using SkiaSharp;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>A named set of PDFs the suite ingests.</summary>
/// <param name="Files">File name and bytes of each document.</param>
internal sealed record IngestCorpus(string Name, IReadOnlyList<(string FileName, byte[] Bytes)> Files, string Description)
{
    /// <summary>Real PDFs that Debian packages install as documentation, read in place (none is copied into the
    /// repository): the libtasn1 manual (GNU FDL 1.3), the shared-mime-info specification and the R manuals
    /// (verbatim copying permitted). Typeset by pdfTeX: embedded Type 1 fonts, outlines, links.</summary>
    public static readonly string[] RealCandidates =
    [
        "/usr/share/doc/libtasn1-doc/libtasn1.pdf",
        "/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf",
        "/usr/share/R/doc/manual/R-FAQ.pdf",
        "/usr/share/R/doc/manual/R-data.pdf",
    ];

    /// <summary>Generated text PDFs (<see cref="IngestPdfs"/>, as server-ingest uses).</summary>
    public static IngestCorpus Generated(int documents, int pages, ulong seed) => new(
        "generated",
        IngestPdfs.Generate(documents, pages, seed).Select((bytes, i) => ($"generated-{i:D3}.pdf", bytes)).ToList(),
        $"{documents} generated text PDFs × {pages} A4 pages (a heading and 40 lines, about 500 words a page)");

    /// <summary>The installed manuals that exist on this machine; null when none does.</summary>
    public static IngestCorpus? Real()
    {
        var files = RealCandidates.Where(File.Exists).Select(path => (Path.GetFileName(path), File.ReadAllBytes(path))).ToList();
        return files.Count == 0 ? null : new IngestCorpus("real", files, "installed manuals: " + string.Join(", ", files.Select(f => f.Item1)));
    }

    /// <summary>Image-only PDFs, as a scanner makes them: every page one 150-dpi PNG of 30 lines of
    /// generated text, no text layer, so the page is read by OCR.</summary>
    public static IngestCorpus Scanned(int documents, int pages, ulong seed)
    {
        var random = new Random(unchecked((int)seed) + 1);
        var text = new SyntheticText();
        var files = new List<(string, byte[])>();
        for (var d = 0; d < documents; d++)
        {
            var topic = text.Topic(random);
            var builder = new PdfDocumentBuilder();
            for (var p = 0; p < pages; p++)
            {
                var page = builder.AddPage(PageSize.A4);
                var png = ScanPng(Enumerable.Range(0, 30).Select(_ => text.Words(random, topic, random.Next(8, 11))).ToList());
                page.AddPng(png, new PdfRectangle(0, 0, 595, 842));
            }

            files.Add(($"scanned-{d:D3}.pdf", builder.Build()));
        }

        return new IngestCorpus("scanned", files, $"{documents} image-only PDFs × {pages} A4 pages (a 1240 × 1754 PNG of 30 lines each)");
    }

    private static byte[] ScanPng(List<string> lines)
    {
        // A4 at 150 dpi.
        using var bitmap = new SKBitmap(1240, 1754, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var font = new SKFont(SKTypeface.Default, 26) { Edging = SKFontEdging.Antialias };
            using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            for (var i = 0; i < lines.Count; i++)
            {
                canvas.DrawText(lines[i], 100, 150 + (i * 48), SKTextAlign.Left, font, paint);
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
