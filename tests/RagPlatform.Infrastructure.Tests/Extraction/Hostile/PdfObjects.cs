using System.Text;

namespace RagPlatform.Infrastructure.Tests.Extraction.Hostile;

/// <summary>A PDF written object by object, in bytes, with whatever cross-reference section a
/// hostile file needs: a correct table, a table whose /Prev is itself, or only a startxref pointing
/// at an xref stream that is one of the objects.</summary>
internal sealed class PdfObjects
{
    private readonly List<byte> bytes = [];
    private readonly SortedDictionary<int, int> offsets = [];

    public PdfObjects(string header = "%PDF-1.4") => Write(header + "\n%\u00e2\u00e3\u00cf\u00d3\n");

    public int Length => bytes.Count;

    public int OffsetOf(int number) => offsets.GetValueOrDefault(number);

    public void Add(int number, string body)
    {
        offsets[number] = bytes.Count;
        Write(FormattableString.Invariant($"{number} 0 obj\n{body}\nendobj\n"));
    }

    public void AddStream(int number, string dictionaryEntries, byte[] data)
    {
        offsets[number] = bytes.Count;
        Write(FormattableString.Invariant($"{number} 0 obj\n<< {dictionaryEntries} /Length {data.Length} >>\nstream\n"));
        bytes.AddRange(data);
        Write("\nendstream\nendobj\n");
    }

    public byte[] WithXrefTable(bool previousIsSelf = false)
    {
        var xref = bytes.Count;
        var size = offsets.Keys.Max() + 1;
        var table = new StringBuilder(FormattableString.Invariant($"xref\n0 {size}\n0000000000 65535 f \n"));
        for (var number = 1; number < size; number++)
        {
            table.Append(offsets.TryGetValue(number, out var offset)
                ? FormattableString.Invariant($"{offset:D10} 00000 n \n")
                : "0000000000 65535 f \n");
        }

        var previous = previousIsSelf ? FormattableString.Invariant($" /Prev {xref}") : "";
        Write(table.ToString());
        Write(FormattableString.Invariant($"trailer\n<< /Size {size} /Root 1 0 R{previous} >>\n"));
        return WithStartXref(xref);
    }

    public byte[] WithStartXref(int xref)
    {
        Write(FormattableString.Invariant($"startxref\n{xref}\n%%EOF\n"));
        return bytes.ToArray();
    }

    private void Write(string text) => bytes.AddRange(Encoding.Latin1.GetBytes(text));
}
