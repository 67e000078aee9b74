using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Infrastructure.Tests.Extraction;

/// <summary>One-page PDFs that name themselves in their metadata, with a title that appears nowhere
/// in their text.</summary>
internal static class TitledPdfs
{
    public const string BodyText = "Meeting notes about the budget of the garden committee.";

    /// <summary>A PDF whose document information dictionary has <paramref name="title"/> as /Title.</summary>
    public static byte[] WithInformationTitle(string title)
    {
        var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = title;
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        builder.AddPage(PageSize.A4).AddText(BodyText, 12, new PdfPoint(72, 720), font);
        return builder.Build();
    }

    /// <summary>A PDF without a document information dictionary whose catalog's XMP metadata has
    /// <paramref name="title"/> as dc:title (the default language's entry, after a German one).</summary>
    public static byte[] WithXmpTitleOnly(string title)
    {
        var xmp = $"""
            <?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:title><rdf:Alt><rdf:li xml:lang="de">Nicht dieser Titel</rdf:li><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
            </rdf:Description></rdf:RDF></x:xmpmeta>
            <?xpacket end="w"?>
            """;
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R /Metadata 6 0 R >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>");
        pdf.AddStream($"BT /F1 12 Tf 72 720 Td ({BodyText}) Tj ET");
        pdf.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        pdf.AddStream(xmp, "/Type /Metadata /Subtype /XML");
        return pdf.ToBytes();
    }
}
