using System.Text;

namespace RagPlatform.Infrastructure.Tests.Extraction;

/// <summary>Writes a PDF from hand-written objects with a correct cross-reference table, for the
/// cases PdfDocumentBuilder cannot make: crop boxes, fonts without a Unicode map, empty page trees.
/// Object 1 must be the catalog. Streams are written uncompressed, so tests can damage them.</summary>
internal sealed class RawPdf
{
    private readonly List<string> objects = [];

    /// <returns>The object number.</returns>
    public int Add(string body)
    {
        objects.Add(body);
        return objects.Count;
    }

    public int AddStream(string content, string extraDictionary = "") =>
        Add($"<< /Length {Encoding.Latin1.GetByteCount(content)} {extraDictionary} >>\nstream\n{content}\nendstream");

    public byte[] ToBytes()
    {
        var pdf = new StringBuilder("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(pdf.ToString()));
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.Latin1.GetByteCount(pdf.ToString());
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(pdf.ToString());
    }
}
