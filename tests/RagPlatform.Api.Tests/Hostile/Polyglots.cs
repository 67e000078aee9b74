using System.IO.Compression;
using System.Text;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Infrastructure.Tests.Extraction;

namespace RagPlatform.Api.Tests.Hostile;

/// <summary>Files that are two formats at once, or none: a PDF with a ZIP behind it and the reverse,
/// a PNG carrying a PDF, markup before a PDF header, a plain ZIP, random bytes, nothing.</summary>
internal static class Polyglots
{
    public static IEnumerable<MalformedFile> Make(Random random, byte[] pdf)
    {
        var docx = OfficeSamples.Docx("Polyglot first page.", "Polyglot second page.");
        var png = SampleImages.BarChartPng();
        MalformedFile Of(string name, byte[] bytes) => new("polyglot", name, bytes);

        yield return Of("pdf-then-zip.pdf", [.. pdf, .. docx]);
        yield return Of("zip-then-pdf.docx", [.. docx, .. pdf]);
        yield return Of("png-then-pdf.png", [.. png, .. pdf]);
        yield return Of("pdf-inside-png-text-chunk.png",
            PngWriter.File(png[8..33], PngWriter.Chunk("tEXt", [.. "Comment\0"u8.ToArray(), .. pdf]), png[33..^12], png[^12..]));
        yield return Of("html-then-pdf.html", [.. Encoding.ASCII.GetBytes("<!doctype html><html><body><script>alert(1)</script>" + new string(' ', 600)), .. pdf]);
        yield return Of("gif-header-javascript.gif", [.. "GIF89a/*\u0000\u0000"u8.ToArray(), .. "*/=1;alert(document.domain);"u8.ToArray(), .. PngWriter.RandomBytes(random, 200)]);
        yield return Of("pdf-header-in-png.png", [.. png[..33], .. "%PDF-1.7\n"u8.ToArray(), .. png[33..]]);

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("report.pdf").Open();
            entry.Write(pdf);
        }

        yield return Of("plain-zip-of-a-pdf.zip", buffer.ToArray());
        yield return Of("random-bytes.bin", PngWriter.RandomBytes(random, 5000));
        yield return Of("empty.pdf", []);
        yield return Of("one-nul-byte.pdf", [0]);
    }
}
