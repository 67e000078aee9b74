using System.Xml;
using System.Xml.Linq;
using UglyToad.PdfPig;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>Reads the title a PDF gives itself: the document information dictionary's /Title, else
/// the XMP metadata's dc:title (PDF 2.0 deprecates /Info, so newer files may carry XMP only).</summary>
internal static class PdfTitleReader
{
    private static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace Xml = "http://www.w3.org/XML/1998/namespace";

    /// <summary>XMP packets are a few kilobytes; a bigger one is not read for a title.</summary>
    private const int MaxXmpBytes = 1024 * 1024;

    /// <param name="path">The file's path, to tell a title that only repeats the file name.</param>
    /// <returns>The cleaned title (<see cref="DocumentTitle.Clean"/>), or null.</returns>
    public static string? Read(PdfDocument pdf, string path) =>
        DocumentTitle.Clean(pdf.Information.Title, path) ?? DocumentTitle.Clean(ReadXmpTitle(pdf), path);

    private static string? ReadXmpTitle(PdfDocument pdf)
    {
        try
        {
            return ReadXmpTitleOrThrow(pdf);
        }
        catch (XmlException)
        {
            // Malformed XMP is common and says nothing about the rest of the file.
            return null;
        }
    }

    private static string? ReadXmpTitleOrThrow(PdfDocument pdf)
    {
        if (!pdf.TryGetXmpMetadata(out var xmp))
        {
            return null;
        }

        var bytes = xmp.GetXmlMemory();
        if (bytes.Length > MaxXmpBytes)
        {
            return null;
        }

        // PdfPig's GetXDocument parses without security settings: no DTDs, no external entities here.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxXmpBytes * 4L };
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        using var reader = XmlReader.Create(stream, settings);
        var title = XDocument.Load(reader).Descendants(DublinCore + "title").FirstOrDefault();
        if (title is null)
        {
            return null;
        }

        // dc:title is a language alternative: the default language's entry, else the first.
        var entries = title.Descendants(Rdf + "li").ToList();
        var chosen = entries.FirstOrDefault(li => (string?)li.Attribute(Xml + "lang") == "x-default") ?? entries.FirstOrDefault();
        return chosen?.Value ?? title.Value;
    }
}
