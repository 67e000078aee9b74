namespace RagPlatform.Infrastructure.Tests.Extraction;

/// <summary>Pages whose text layer is garbage, the ways producers get it wrong, each in a PDF of its
/// own, beside a page of good text.</summary>
internal static class GarbageTextPdfs
{
    public const string GoodSentence = "This page has good text";

    /// <summary>Page 1 is written in a subset CID font with Identity-H encoding and no ToUnicode map:
    /// the glyph ids (here those of "Hello world" in Arial) are all a reader gets. Page 2 is good text.</summary>
    public static byte[] IdentityFontWithoutUnicodeMap() => TwoPages(
        "BT /F2 18 Tf 72 700 Td <002B0048004F004F0052> Tj 0 -30 Td <005A0052005500470003> Tj ET",
        "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Arial /Encoding /Identity-H /DescendantFonts [9 0 R] >>",
        CidFont,
        FontDescriptor);

    /// <summary>Page 1's font maps every glyph to the private-use area through its ToUnicode map.</summary>
    public static byte[] PrivateUseUnicodeMap() => TwoPages(
        "BT /F2 18 Tf 72 700 Td <002B0048004F004F0052> Tj 0 -30 Td <005A0052005500470003> Tj ET",
        "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Arial /Encoding /Identity-H /DescendantFonts [9 0 R] /ToUnicode 11 0 R >>",
        CidFont,
        FontDescriptor,
        Stream("/CIDInit /ProcSet findresource begin 12 dict begin begincmap " +
               "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def " +
               "1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0000> <00FF> <E000> endbfrange " +
               "endcmap CMapName currentdict /CMap defineresource pop end end"));

    /// <summary>Page 1 is good text with a few control characters (2 of 22 characters, from codes the
    /// font does not map) mixed in.</summary>
    public static byte[] GoodTextWithSomeControlCharacters() => TwoPages(
        @"BT /F2 18 Tf 72 700 Td (Readable words \001\002 stay here) Tj ET",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");

    private const string CidFont =
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Arial /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 10 0 R /DW 600 >>";

    private const string FontDescriptor =
        "<< /Type /FontDescriptor /FontName /ABCDEF+Arial /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>";

    /// <summary>Objects: 3 and 4 the pages, 5 and 6 the good page's font and content, 7 the first
    /// page's content, 8 onwards the first page's font objects in the order given.</summary>
    private static byte[] TwoPages(string firstPageContent, params string[] firstPageFontObjects)
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>");
        pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 7 0 R /Resources << /Font << /F2 8 0 R >> >> >>");
        pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R /Resources << /Font << /F1 5 0 R >> >> >>");
        pdf.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        pdf.AddStream($"BT /F1 14 Tf 72 700 Td ({GoodSentence}) Tj ET");
        pdf.AddStream(firstPageContent);
        foreach (var font in firstPageFontObjects)
        {
            pdf.Add(font);
        }

        return pdf.ToBytes();
    }

    private static string Stream(string content) =>
        $"<< /Length {content.Length} >>\nstream\n{content}\nendstream";
}
