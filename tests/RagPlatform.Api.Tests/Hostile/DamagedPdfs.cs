using System.Text;
using System.Text.RegularExpressions;

namespace RagPlatform.Api.Tests.Hostile;

/// <summary>Damaged copies of a real PDF: cut at many offsets, bytes flipped, the cross-reference
/// data and its pointer removed or garbled, streams broken, filters and lengths lying, objects
/// duplicated, page boxes absurd. Edits work on the Latin-1 text, which maps every byte to one
/// character, so binary streams survive them.</summary>
internal static partial class DamagedPdfs
{
    /// <param name="label">Short name of the original, for the file names.</param>
    public static IEnumerable<MalformedFile> Make(Random random, string label, byte[] pdf, int cuts = 10, int flips = 6)
    {
        foreach (var cut in Damage.CutOffsets(random, pdf.Length, cuts))
        {
            yield return new("pdf/truncated", $"{label}-cut-at-{cut}.pdf", Damage.Truncate(pdf, cut));
        }

        for (var i = 0; i < flips; i++)
        {
            var count = (int)Math.Pow(4, i);
            yield return new("pdf/flipped", $"{label}-{count}-bytes-flipped-{i}.pdf", Damage.Flip(random, pdf, count));
        }

        foreach (var (name, bytes) in Structural(random, pdf))
        {
            yield return new("pdf/structure", $"{label}-{name}.pdf", bytes);
        }
    }

    private static IEnumerable<(string Name, byte[] Bytes)> Structural(Random random, byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        byte[] Of(string edited) => Encoding.Latin1.GetBytes(edited);
        string Pointer(string value) => StartXref().Replace(text, $"startxref\n{value}", 1, Math.Max(0, text.LastIndexOf("startxref", StringComparison.Ordinal)));

        yield return ("startxref-missing", Damage.Replace(pdf, "startxref", "startxrfe"));
        yield return ("startxref-zero", Of(Pointer("0")));
        yield return ("startxref-past-end", Of(Pointer("999999999")));
        yield return ("startxref-negative", Of(Pointer("-1")));
        yield return ("startxref-inside-a-stream", Of(Pointer($"{text.IndexOf("stream", StringComparison.Ordinal) + 10}")));
        yield return ("eof-marker-missing", Damage.Replace(pdf, "%%EOF", ""));
        yield return ("root-missing", Damage.Replace(pdf, "/Root", "/Rooo"));
        yield return ("pages-type-missing", Damage.Replace(pdf, "/Type /Pages", "/Type /Pagez"));
        yield return ("header-only", "%PDF-1.7\n"u8.ToArray());
        yield return ("header-and-eof", "%PDF-1.4\n%%EOF\n"u8.ToArray());

        // Classic table: its entries garbled in place, or the table cut out. Cross-reference
        // stream: its (compressed) data garbled in place.
        var table = text.LastIndexOf("\nxref", StringComparison.Ordinal);
        var trailer = table < 0 ? -1 : text.IndexOf("trailer", table, StringComparison.Ordinal);
        if (table >= 0 && trailer > table)
        {
            yield return ("xref-table-garbled", Damage.Overwrite(pdf, table + 6, trailer - table - 6, _ => (byte)"0123456789 nf\n"[random.Next(14)]));
            yield return ("xref-table-removed", Of(text.Remove(table + 1, trailer - table - 1)));
            var shifted = XrefOffset().Replace(text[table..trailer], m => $"{long.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) + 7:D10}");
            yield return ("xref-entries-off-by-7", Of(text[..table] + shifted + text[trailer..]));
        }

        var xrefStream = text.IndexOf("/Type /XRef", StringComparison.Ordinal) is var type and >= 0 ? text.IndexOf("stream", type, StringComparison.Ordinal) : -1;
        if (xrefStream >= 0)
        {
            yield return ("xref-stream-garbled", Damage.Overwrite(pdf, xrefStream + 8, 40, _ => (byte)random.Next(256)));
            yield return ("xref-stream-w-absurd", Of(WidthsArray().Replace(text, "/W [ 1 2147483647 2147483647 ]")));
            yield return ("xref-stream-w-zero", Of(WidthsArray().Replace(text, "/W [ 0 0 0 ]")));
            yield return ("xref-stream-size-huge", Of(SizeEntry().Replace(text, "/Size 2147483647")));
        }

        yield return ("lengths-huge", Of(LengthEntry().Replace(text, "/Length 999999999")));
        yield return ("lengths-zero", Of(LengthEntry().Replace(text, "/Length 0")));
        yield return ("lengths-negative", Of(LengthEntry().Replace(text, "/Length -5")));
        yield return ("lengths-off-by-100", Of(LengthEntry().Replace(text, m => $"/Length {int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 100}")));
        yield return ("filter-lzw-for-flate", Damage.Replace(pdf, "/FlateDecode", "/LZWDecode  "));
        yield return ("filter-dct-for-flate", Damage.Replace(pdf, "/FlateDecode", "/DCTDecode  "));
        yield return ("filter-unknown", Damage.Replace(pdf, "/FlateDecode", "/FooDecode  "));
        yield return ("filter-flate-twice", Damage.Replace(pdf, "/FlateDecode", "[/FlateDecode /FlateDecode]"));
        yield return ("filter-chain-of-40", Damage.Replace(pdf, "/FlateDecode", "[" + string.Concat(Enumerable.Repeat("/ASCIIHexDecode ", 40)) + "]"));
        yield return ("decode-parms-predictor-lies", Damage.Replace(pdf, "/FlateDecode", "/FlateDecode /DecodeParms << /Predictor 15 /Columns 2147483647 /Colors 255 /BitsPerComponent 16 >>"));
        yield return ("streams-data-garbled", StreamStarts(text).Aggregate(pdf, (bytes, at) => Damage.Overwrite(bytes, at, 6, _ => (byte)random.Next(256))));
        yield return ("endstream-missing", Damage.Replace(pdf, "endstream", "endstrea_"));
        yield return ("endobj-missing", Damage.Replace(pdf, "endobj", "endob_"));
        yield return ("objects-duplicated", [.. pdf, .. Encoding.Latin1.GetBytes(string.Concat(ObjectHeader().Matches(text).Select(m => $"\n{m.Value}\n<< /Type /Page /Parent {m.Groups[1].Value} 0 R /Kids [{m.Groups[1].Value} 0 R] >>\nendobj\n")))]);
        yield return ("file-twice", [.. pdf, .. pdf]);
        yield return ("media-box-huge", Of(MediaBox().Replace(text, "/MediaBox [0 0 14400000 14400000]")));
        yield return ("media-box-empty", Of(MediaBox().Replace(text, "/MediaBox [0 0 0 0]")));
        yield return ("media-box-extreme", Of(MediaBox().Replace(text, "/MediaBox [-1e38 -1e38 1e38 1e38]")));
        yield return ("middle-third-zeroed", Damage.Overwrite(pdf, pdf.Length / 3, pdf.Length / 3, _ => 0));
        yield return ("references-to-missing-objects", Of(Reference().Replace(text, m => $"{int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 50000} 0 R")));
    }

    /// <summary>Offsets just after each "stream" keyword's line break.</summary>
    private static IEnumerable<int> StreamStarts(string text)
    {
        for (var at = text.IndexOf("stream", StringComparison.Ordinal); at >= 0; at = text.IndexOf("stream", at + 6, StringComparison.Ordinal))
        {
            if (at == 0 || text[at - 1] != 'd')
            {
                yield return at + 7 + (text.Length > at + 6 && text[at + 6] == '\r' ? 1 : 0);
            }
        }
    }

    [GeneratedRegex(@"startxref\s+-?\d+")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"\d{10}")]
    private static partial Regex XrefOffset();

    [GeneratedRegex(@"/W\s*\[[^\]]*\]")]
    private static partial Regex WidthsArray();

    [GeneratedRegex(@"/Size\s+\d+")]
    private static partial Regex SizeEntry();

    [GeneratedRegex(@"/Length\s+(\d+)(?!\s+\d+\s+R)")]
    private static partial Regex LengthEntry();

    [GeneratedRegex(@"(?m)^(\d+) 0 obj")]
    private static partial Regex ObjectHeader();

    [GeneratedRegex(@"/MediaBox\s*\[[^\]]*\]")]
    private static partial Regex MediaBox();

    [GeneratedRegex(@"(\d+) 0 R")]
    private static partial Regex Reference();
}
