using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RagPlatform.Infrastructure.Tests.Extraction;

/// <summary>Damages PDFs on purpose, the ways files get damaged in the wild.</summary>
internal static partial class PdfDamage
{
    /// <summary>Cut off after <paramref name="length"/> bytes, as by an interrupted download.</summary>
    public static byte[] Truncate(byte[] pdf, int length) => pdf[..length];

    /// <summary>Every offset in the cross-reference table moved by <paramref name="shift"/> bytes, as
    /// after an editor rewrote the file without updating the table.</summary>
    public static byte[] ShiftXrefOffsets(byte[] pdf, int shift)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var xref = text.LastIndexOf("\nxref", StringComparison.Ordinal);
        var trailer = text.IndexOf("trailer", xref, StringComparison.Ordinal);
        var table = XrefEntry().Replace(text[xref..trailer], entry =>
        {
            var offset = long.Parse(entry.Groups["offset"].Value, CultureInfo.InvariantCulture);
            return offset == 0 ? entry.Value : $"{offset + shift:D10} {entry.Groups["rest"].Value}";
        });
        return Encoding.Latin1.GetBytes(text[..xref] + table + text[trailer..]);
    }

    /// <summary>Random bytes of the <paramref name="streamIndex"/>-th stream (0-based) overwritten,
    /// as by a bad disk or a broken transfer. Deterministic for a given seed.</summary>
    public static byte[] FlipBytesInStream(byte[] pdf, int streamIndex, int count, int seed)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var data = StreamKeyword().Matches(text)[streamIndex];
        var start = data.Index + data.Length;
        var end = text.IndexOf("endstream", start, StringComparison.Ordinal);
        var damaged = (byte[])pdf.Clone();
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            damaged[random.Next(start, end)] = (byte)random.Next(256);
        }

        return damaged;
    }

    /// <summary>Junk after %%EOF, as mail gateways and broken uploaders append it.</summary>
    public static byte[] AppendGarbage(byte[] pdf, int length, int seed)
    {
        var garbage = new byte[length];
        new Random(seed).NextBytes(garbage);
        return [.. pdf, .. garbage];
    }

    /// <summary>The keyword that opens a stream's data ("endstream" closes it and must not match).</summary>
    [GeneratedRegex(@"(?<!end)stream\r?\n")]
    private static partial Regex StreamKeyword();

    [GeneratedRegex(@"(?<offset>\d{10}) (?<rest>\d{5} n)")]
    private static partial Regex XrefEntry();
}
