using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;

namespace RagPlatform.Core.Documents;

/// <summary>Recognises Office Open XML packages (DOCX, PPTX) by their main part, never by the file
/// name: the package relationship names the office document part, which must exist under
/// <c>word/</c> or <c>ppt/</c>, and <c>[Content_Types].xml</c> must give it the main content type
/// (by an override, or by a default for its extension). A ZIP of anything else is not a document.</summary>
internal static class OfficePackageSniffer
{
    // Both parts are a few kilobytes; bigger ones are not worth reading to find out.
    private const int MaxPartBytes = 256 * 1024;
    private const string OfficeDocumentRelationship = "/officeDocument";

    public static DetectedMediaType? Detect(Stream package)
    {
        try
        {
            using var zip = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
            if (Load(zip, "_rels/.rels") is not { } relationships || Load(zip, "[Content_Types].xml") is not { } contentTypes)
            {
                return null;
            }

            var target = relationships.Root?.Elements()
                .Where(r => ((string?)r.Attribute("Type"))?.EndsWith(OfficeDocumentRelationship, StringComparison.Ordinal) == true)
                .Select(r => ((string?)r.Attribute("Target"))?.TrimStart('/'))
                .FirstOrDefault();
            if (target is null || zip.GetEntry(target) is null)
            {
                return null;
            }

            var contentType = ContentTypeOf(contentTypes, target) ?? string.Empty;
            if (target.StartsWith("word/", StringComparison.Ordinal) && contentType.EndsWith("document.main+xml", StringComparison.Ordinal))
            {
                return MediaTypeSniffer.WordDocument;
            }

            return target.StartsWith("ppt/", StringComparison.Ordinal) && contentType.EndsWith("presentation.main+xml", StringComparison.Ordinal)
                ? MediaTypeSniffer.Presentation
                : null;
        }
        // A cut or garbled ZIP also throws ArgumentOutOfRangeException (a negative seek to its
        // directory) or NotSupportedException (an unknown compression method).
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException or ArgumentOutOfRangeException or NotSupportedException)
        {
            return null;
        }
    }

    private static string? ContentTypeOf(XDocument contentTypes, string part)
    {
        var types = contentTypes.Root?.Elements().ToList() ?? [];
        var overridden = types.FirstOrDefault(t => t.Name.LocalName == "Override"
            && string.Equals(((string?)t.Attribute("PartName"))?.TrimStart('/'), part, StringComparison.OrdinalIgnoreCase));
        var extension = Path.GetExtension(part).TrimStart('.');
        var byDefault = types.FirstOrDefault(t => t.Name.LocalName == "Default"
            && string.Equals((string?)t.Attribute("Extension"), extension, StringComparison.OrdinalIgnoreCase));
        return (string?)(overridden ?? byDefault)?.Attribute("ContentType");
    }

    private static XDocument? Load(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name);
        if (entry is null || entry.Length > MaxPartBytes)
        {
            return null;
        }

        using var stream = entry.Open();
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxPartBytes });
        return XDocument.Load(reader);
    }
}
