using System.Globalization;
using System.Text;

namespace RagPlatform.Infrastructure.Tests.Extraction;

/// <summary>One-page PDFs whose words are told apart in the ways real producers do it, in fonts that
/// are not embedded: PdfPig then has no glyph outlines and its glyph boxes are the font's bounding box.</summary>
internal static class WordSpacingPdfs
{
    /// <summary>Adobe's standard Times, which every reader has and no producer embeds.</summary>
    public const string Times = "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>";

    public const string Helvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

    /// <summary>Every glyph of <see cref="WideFont"/> advances half an em.</summary>
    public const double WideFontAdvance = 0.5;

    /// <summary>A TrueType font that is referenced but not embedded and found on no system, with the
    /// bounding box of Arial (2.7 ems wide), as office suites write it for a font they do not embed.</summary>
    public static string WideFont(int descriptor) =>
        "<< /Type /Font /Subtype /TrueType /BaseFont /OfficeSansUnembedded /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 " +
        $"/Widths [{string.Join(' ', Enumerable.Repeat("500", 95))}] /FontDescriptor {descriptor} 0 R >>";

    public const string WideFontDescriptor =
        "<< /Type /FontDescriptor /FontName /OfficeSansUnembedded /Flags 32 /FontBBox [-665 -325 2000 1006] " +
        "/ItalicAngle 0 /Ascent 905 /Descent -212 /CapHeight 716 /StemV 80 >>";

    /// <summary>An A4 page drawn by the content stream, with the font as /F1.</summary>
    public static byte[] Page(string content, bool wideFont = false, string font = Helvetica)
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>");
        pdf.AddStream(content);
        pdf.Add(wideFont ? WideFont(descriptor: 6) : font);
        if (wideFont)
        {
            pdf.Add(WideFontDescriptor);
        }

        return pdf.ToBytes();
    }

    /// <summary>Each word shown with its own operator at its own place, as layout programs and
    /// OCR layers set text: nothing but the gap, in ems of the 10-point Helvetica, parts them.</summary>
    public static string WordByWord(IEnumerable<string> words, double gapInEms, string renderMode = "0")
    {
        const double Size = 10;
        var content = new StringBuilder().Append(CultureInfo.InvariantCulture, $"BT /F1 {Size} Tf {renderMode} Tr ");
        var x = 72.0;
        foreach (var word in words)
        {
            content.Append(CultureInfo.InvariantCulture, $"1 0 0 1 {x:0.###} 700 Tm ({word}) Tj ");
            x += (HelveticaWidth(word) + gapInEms) * Size;
        }

        return content.Append("ET").ToString();
    }

    /// <summary>Every letter of the text drawn twice, the copy <paramref name="offset"/> points to the
    /// right and up, in the wide font at 12 points: one glyph at a time, as fake bold is made.</summary>
    public static string LetterByLetterFakeBold(string text, double offset)
    {
        const double Size = 12;
        var content = new StringBuilder().Append(CultureInfo.InvariantCulture, $"BT /F1 {Size} Tf ");
        var x = 72.0;
        foreach (var letter in text)
        {
            if (letter != ' ')
            {
                content.Append(CultureInfo.InvariantCulture, $"1 0 0 1 {x:0.###} 600 Tm ({letter}) Tj ");
                content.Append(CultureInfo.InvariantCulture, $"1 0 0 1 {x + offset:0.###} {600 + (offset / 2):0.###} Tm ({letter}) Tj ");
            }

            x += WideFontAdvance * Size;
        }

        return content.Append("ET").ToString();
    }

    /// <summary>Advance widths of Helvetica (from its AFM) for the letters the tests use, in ems.</summary>
    private static double HelveticaWidth(string word) => word.Sum(letter => letter switch
    {
        'i' or 'l' or 'j' => 0.222,
        'f' or 't' or 'I' => 0.278,
        'r' or ',' or '.' => letter == 'r' ? 0.333 : 0.278,
        's' or 'c' or 'k' or 'v' or 'x' or 'y' or 'z' => 0.5,
        'm' => 0.833,
        'w' => 0.722,
        'A' or 'B' or 'E' or 'K' or 'P' or 'S' or 'V' or 'X' or 'Y' => 0.667,
        'C' or 'D' or 'H' or 'N' or 'R' or 'U' => 0.722,
        'F' or 'T' or 'Z' => 0.611,
        'G' or 'O' or 'Q' => 0.778,
        'J' => 0.5,
        'L' => 0.556,
        'M' => 0.833,
        'W' => 0.944,
        _ => 0.556,
    });
}
